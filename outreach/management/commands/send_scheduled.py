"""The one command an operator's scheduler runs (hourly, say; docs/deploy.md): the
deadline reminders due now. Safe to run as often as wanted and twice at once: each
reminder goes once per edition and authority (outreach.models.Notice)."""

from django.core.management.base import BaseCommand

from outreach import services


class Command(BaseCommand):
    help = "Queue the deadline reminders that are due (14 and 3 days before), each once."

    def handle(self, *args, **options) -> None:
        sent = services.reminders_send()
        self.stdout.write(f"Reminders queued: {sent}.")
