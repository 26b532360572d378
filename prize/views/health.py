"""The health and readiness checks of an app server, for the load balancer and monitoring."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from ..readiness import readiness


@never_cache
def health(request):
    """200 "ok" when this server answers and reaches the database. When the database is
    down the query raises, and the error handler answers 503 (web.errors)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
def ready(request):
    """200 when this server can do its work: the database answers, every migration is
    applied, the file store answers and no task has waited too long for a worker; 503
    otherwise. The JSON says what each check found (prize.readiness)."""
    answer = readiness()
    return JsonResponse(answer, status=200 if answer["ready"] else 503)
