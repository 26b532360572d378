"""The open-data API, mounted at /api/ outside the language prefixes: its data carry
both languages at once."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from . import api

app_name = "api"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:index"), name="root"),
    path("v1/", api.index, name="index"),
    path("v1/editions/", api.editions, name="editions"),
    path("v1/editions/<int:number>/", api.edition, name="edition"),
    path("v1/editions/<int:number>/results/", api.results, name="results"),
    path("v1/openapi.json", api.openapi, name="openapi"),
    # Any other path ending in a slash answers in JSON too. Paths without the slash are
    # left to Django's 404, so that APPEND_SLASH can still redirect them.
    # [\s\S], not ".": a path with a line break in it is a path too.
    re_path(r"^v1/(?P<path>[\s\S]*/)$", api.not_found, name="not_found"),
]
