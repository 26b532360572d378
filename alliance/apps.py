from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "alliance"
    verbose_name = _("Alliance of Cities and Regions for Roma Inclusion")

    def ready(self) -> None:
        from . import personal_data  # models are loaded only now

        personal_data.register()
