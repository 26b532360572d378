"""What was sent to whom, so nothing is sent twice, and who asked for no more."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prize.models import Edition
from submissions.models import Authority

from .enums import NoticeKind


class Notice(models.Model):
    """One announcement or reminder of one edition to one authority's members. Written
    before the e-mails are queued, in the same transaction: the unique constraint lets
    only one of two overlapping runs send it."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "authority", "kind"], name="notice_once_per_authority"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition.number}: {self.kind} → {self.authority}"


class OptOut(models.Model):
    """This person receives no announcement of a call and no deadline reminder."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="outreach_opt_out",
        verbose_name=_("person"),
    )
    at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("opt-out of announcements and reminders")
        verbose_name_plural = _("opt-outs of announcements and reminders")
        ordering = ["-at"]

    def __str__(self) -> str:
        return str(self.user)
