"""What publication adds to an edition: its certificates, the runs that render them, and
the version token of the public pages' cache.

The tables keep the names they had when these models lived in `prize` (results migration
0001 only moved the models in Django's state), so no row moved."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prize.models import Edition
from results.enums import CertificateKind, CertificateStatus, RunState
from submissions.models import Entry


def certificate_path(certificate: "Certificate", filename: str) -> str:
    return f"private/certificates/{certificate.number}.pdf"


class Certificate(models.Model):
    """A certificate as issued: the facts printed on it, frozen, and the PDF once the
    worker has rendered it. When the facts change a new certificate (with a new number)
    replaces it and this one is marked superseded; the secretariat may revoke one."""

    number = models.CharField(_("number"), max_length=24, unique=True)
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="certificates")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=16, choices=CertificateKind)
    status = models.CharField(
        _("status"), max_length=16, choices=CertificateStatus, default=CertificateStatus.VALID
    )
    facts = models.JSONField(_("facts printed on the certificate"))
    digest = models.CharField(_("SHA-256 of the facts"), max_length=64)
    file = models.FileField(_("PDF"), upload_to=certificate_path, blank=True, max_length=200)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        db_table = "prize_certificate"
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["edition", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "kind"],
                condition=models.Q(status="valid"),
                name="certificate_one_valid_per_entry_and_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("results:certificate", kwargs={"number": self.number})

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID


class CertificateRun(models.Model):
    """One run of certificate generation for an edition, so the secretariat can follow
    its progress. Written by the worker as it goes."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="certificate_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(_("state"), max_length=16, choices=RunState, default=RunState.QUEUED)
    total = models.PositiveIntegerField(_("certificates to render"), default=0)
    done = models.PositiveIntegerField(_("certificates rendered"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Set by the worker when it starts and after each certificate: a running run whose
    # heartbeat is older than CERTIFICATE_RUN_STALL_SECONDS lost its worker.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)

    class Meta:
        db_table = "prize_certificaterun"
        verbose_name = _("certificate run")
        verbose_name_plural = _("certificate runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.edition.number}: {self.done}/{self.total} ({self.state})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))


class PublicPagesVersion(models.Model):
    """One row: a token that changes whenever anything shown on the public pages changes.
    Every server reads it once per anonymous request to know whether the page it cached
    is still current (see results/public_cache.py)."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "prize_publicpagesversion"
        verbose_name = _("version of the public pages")
        verbose_name_plural = _("versions of the public pages")
