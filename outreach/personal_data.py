"""What outreach holds about a person (accounts.personal_data): whether, and since when,
they asked for no announcements and reminders. Erasing the person erases it."""

from accounts.personal_data import Holder, holder_register

from .models import OptOut


def export(user) -> dict:
    opt_out = OptOut.objects.filter(user=user).first()
    return {
        "announcements_and_reminders": "stopped" if opt_out else "sent",
        "stopped_since": opt_out.at if opt_out else None,
    }


def erase(user) -> None:
    OptOut.objects.filter(user=user).delete()


def register() -> None:
    holder_register(Holder(name="outreach", export=export, erase=erase))
