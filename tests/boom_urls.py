"""The site's URLs plus one view that fails, for the tests of what operators hear about
an error (tests/test_operations.py). Used only through ROOT_URLCONF in those tests."""

from django.urls import path

from settings.urls import handler500
from settings.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("boom: an unexpected failure")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
