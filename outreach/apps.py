from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Announcements of calls, deadline reminders and the news of a moved deadline, with
    the opt-out of the first two. Above the Alliance, beside results: it reads the
    Alliance's participants and the authorities' entries, and learns of an edition's
    changes through prize.events, never by prize calling up."""

    name = "outreach"
    verbose_name = _("Announcements and reminders")

    def ready(self) -> None:
        from . import personal_data, receivers  # models are loaded only now

        receivers.connect()
        personal_data.register()
