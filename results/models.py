"""What publication adds to an edition: its certificates, the runs that render them, the
version token of the public pages' cache; and the news the secretariat publishes.

The tables keep the names they had when these models lived in `prize` (results migration
0001 only moved the models in Django's state), so no row moved."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prize.models import Edition
from prize.texts import Localized, pick
from results.enums import CertificateKind, CertificateStatus, RunState
from submissions.models import Entry
from web import richtext


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


LANGUAGES = ("en", "fr")


def news_photo_path(item: "NewsItem", filename: str) -> str:
    # Random names under the private prefix (served through results.views, never directly).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"private/news/{uuid.uuid4().hex}.{extension}"


class NewsQuerySet(models.QuerySet):
    def listed_in(self, language: str):
        """The items of the news page and feeds in `language`: those written in it, and
        those written in the other language only that are marked for both."""
        return self.filter(
            models.Q(**{f"title_{language}__gt": ""}) | models.Q(both_languages=True)
        )

    def newest_first(self):
        return self.order_by("-published_on", "-pk")


class NewsItem(models.Model):
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    text_en = models.TextField(
        _("text in English"), blank=True, validators=[MaxLengthValidator(richtext.MAX_LENGTH)]
    )
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    text_fr = models.TextField(
        _("text in French"), blank=True, validators=[MaxLengthValidator(richtext.MAX_LENGTH)]
    )
    both_languages = models.BooleanField(
        _("also list it in the other language"),
        default=False,
        help_text=_(
            "For an item written in one language only: list it on the news page and feeds "
            "of the other language too, marked as written in its language."
        ),
    )
    published_on = models.DateField(_("date"), default=timezone.localdate)
    # The photo, through the photo pipeline only (submissions.files.photo_process): the
    # same three fields as a submission's photo, so web.files.serve_photo serves it.
    file = models.ImageField(_("photo"), upload_to=news_photo_path, max_length=300, blank=True)
    large = models.FileField(_("large rendition"), upload_to=news_photo_path, blank=True)
    thumb = models.FileField(_("thumbnail"), upload_to=news_photo_path, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    photo_credit = models.CharField(_("photo credit"), max_length=300, blank=True)
    photo_alt_en = models.CharField(_("alternative text in English"), max_length=500, blank=True)
    photo_alt_fr = models.CharField(_("alternative text in French"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title.text if self.title else f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("results:news_item", kwargs={"pk": self.pk})

    @property
    def written_in(self) -> tuple[str, ...]:
        return tuple(code for code in LANGUAGES if getattr(self, f"title_{code}"))

    @property
    def listed_languages(self) -> tuple[str, ...]:
        """The languages whose news pages list it (the rule of NewsQuerySet.listed_in)."""
        return LANGUAGES if self.both_languages else self.written_in

    @property
    def title(self) -> Localized | None:
        return pick({code: getattr(self, f"title_{code}") for code in LANGUAGES})

    @property
    def text(self) -> Localized | None:
        """The text of the version the title comes from: never one language's title over
        the other's text."""
        title = self.title
        return Localized(getattr(self, f"text_{title.lang}"), title.lang) if title else None

    @property
    def alt(self) -> Localized | None:
        title = self.title
        return Localized(getattr(self, f"photo_alt_{title.lang}"), title.lang) if title else None

    def clean(self):
        errors = {}
        for code in LANGUAGES:
            title, text = getattr(self, f"title_{code}").strip(), getattr(self, f"text_{code}")
            if text.strip() and not title:
                errors[f"title_{code}"] = _("Give the title of the text written in this language.")
            if title and not text.strip():
                errors[f"text_{code}"] = _("Write the text that goes with this title.")
            if self.file and title and not getattr(self, f"photo_alt_{code}").strip():
                errors[f"photo_alt_{code}"] = _(
                    "Describe the photo for people who cannot see it (alternative text), "
                    "in each language the item is written in."
                )
        if not self.written_in:
            errors["title_en"] = _("Write the item in English, in French, or in both.")
        if errors:
            raise ValidationError(errors)
