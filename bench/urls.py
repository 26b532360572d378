"""The site's URLs plus the bare reference view, for the benchmark only."""

from django.http import HttpResponse
from django.urls import path

from settings.urls import urlpatterns as site_urlpatterns

BARE_TEXT = "Dosta! A fixed string, the cheapest page Django can serve.\n"


def bare(request):
    """What every request costs before any of our code runs: middleware and routing."""
    return HttpResponse(BARE_TEXT, content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
