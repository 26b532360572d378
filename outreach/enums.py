from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    CALL_OPENED = "call_opened", _("Announcement of the call")
    REMINDER_14 = "reminder_14", _("Reminder 14 days before the deadline")
    REMINDER_3 = "reminder_3", _("Reminder 3 days before the deadline")


# Each reminder and how long before the deadline it is due, the most urgent first.
REMINDERS = (
    (NoticeKind.REMINDER_3, timedelta(days=3)),
    (NoticeKind.REMINDER_14, timedelta(days=14)),
)
