from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrizeConfig(AppConfig):
    name = "prize"
    verbose_name = _("Prize editions")

    def ready(self):
        from . import personal_data

        personal_data.register()
