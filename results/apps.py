from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    """The top of the prize: what reads every app below it (publication, certificates,
    the public pages, feeds, sitemap, API, import/export and the secretariat's overviews)."""

    name = "results"
    verbose_name = _("Results and publication")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
