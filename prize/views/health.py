"""The health check of an app server, for the reverse proxy and monitoring."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """200 "ok" when this server answers and reaches the database. When the database is
    down the query raises, and the error handler answers 503 (prize.views.errors)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
