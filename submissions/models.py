"""Authorities and their people, their entries with photos and attachments, and the
entries' lifecycle (a state machine whose every step is logged)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from prize.countries import country_name
from prize.models import Edition, TransitionLog
from prize.texts import pick

from . import rules
from .enums import (
    EDITABLE_STATES,
    WITHDRAWABLE_STATES,
    AuthorityKind,
    EntryLanguage,
    EntryState,
    PhotoPeople,
)

S = EntryState


class Authority(models.Model):
    name = models.CharField(
        _("official name in English or French"),
        max_length=300,
        help_text=_("As the Council of Europe should write it, e.g. “City of Ghent”."),
    )
    name_fr = models.CharField(
        _("official name in French"),
        max_length=300,
        blank=True,
        help_text=_(
            "If the authority has one besides the name above, e.g. “Ville de Gand” for "
            "“City of Ghent”. Shown on French pages."
        ),
    )
    name_local = models.CharField(
        _("official name in its own language"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Stad Gent”. Leave empty if it is the same."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AuthorityKind)
    country = models.CharField(_("country"), max_length=2)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="authorities",
        verbose_name=_("members"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country", "kind"], name="authority_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    def get_absolute_url(self) -> str:
        return reverse("submissions:authority", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        """The name in the active language: the French name on French pages, mails and
        documents when the authority has one, its official name otherwise. Every page,
        mail and certificate shows this (templates: ``authority.display_name``)."""
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        if self.name_fr and (language or "").startswith("fr"):
            return self.name_fr
        return self.name

    @property
    def country_label(self) -> str:
        return country_name(self.country)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class AuthorityInvitation(models.Model):
    """A colleague invited by e-mail to join an authority; the token is the link's secret."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation to an authority")
        verbose_name_plural = _("invitations to authorities")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.authority}"


class Entry(ConcurrentTransitionMixin, models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="entries")
    ref = models.SlugField(_("reference"), max_length=80, unique=True)
    language = models.CharField(
        _("language of the application"),
        max_length=2,
        choices=EntryLanguage,
        default=EntryLanguage.EN,
    )
    title = models.JSONField(_("title"), null=True, blank=True)
    summary = models.JSONField(_("summary"), null=True, blank=True)
    description = models.JSONField(_("description"), null=True, blank=True)
    project_start = models.DateField(_("project start"), null=True, blank=True)
    project_end = models.DateField(_("project end"), null=True, blank=True)
    budget = models.DecimalField(
        _("total budget (euros)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.TextField(_("funding sources"), blank=True)
    partners = models.JSONField(
        _("partners"), default=list, blank=True, help_text=_('[{"name": "...", "roma": true}]')
    )
    participation = models.TextField(
        _("how Roma and Travellers took part in designing and running the project"), blank=True
    )
    results = models.TextField(_("results so far"), blank=True)
    statements = models.JSONField(
        _("statements per award criterion"), default=dict, blank=True
    )  # {criterion code: text}
    consent_publication = models.BooleanField(_("consent to publication"), default=False)
    state = FSMField(_("state"), default=S.DRAFT, choices=S, protected=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    info_request = models.TextField(_("information requested"), blank=True)
    reply_by = models.DateField(_("reply by"), null=True, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["edition", "ref"]

    def __str__(self) -> str:
        return self.ref

    def get_absolute_url(self) -> str:
        return reverse("submissions:entry", kwargs={"ref": self.ref})

    @property
    def title_text(self) -> str:
        """The project's title in the active language (else the other), or ""."""
        text = pick(self.title)
        return text.text if text else ""

    @property
    def display_title(self) -> str:
        """What a person reads as the entry's name: its title, else the authority's new
        entry. Never the reference, which is a slug for addresses and staff."""
        return self.title_text or gettext("New entry of %(authority)s") % {
            "authority": self.authority.name
        }

    def text(self, field: str) -> str:
        """A one-language text of the application (summary, description)."""
        value = getattr(self, field) or {}
        return value.get(self.language) or next(iter(value.values()), "")

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    # The lifecycle. Transitions set what belongs to the state, nothing else; the
    # service `entry_transition` checks the conditions, saves and logs the step.
    @transition(
        field=state,
        source=[S.DRAFT, S.INFO_REQUESTED],
        target=S.SUBMITTED,
        permission=rules.is_member,
        custom={"label": _("Submit the entry")},
    )
    def submit(self, *, by=None, at=None, **kwargs):
        self.submitted_at = at or timezone.now()
        self.submitted_by = by

    @transition(
        field=state,
        source=list(WITHDRAWABLE_STATES),
        target=S.WITHDRAWN,
        permission=rules.is_member,
        custom={"label": _("Withdraw the entry")},
    )
    def withdraw(self, **kwargs):
        pass

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.INFO_REQUESTED,
        permission=rules.can_screen,
        custom={"label": _("Request more information")},
    )
    def request_info(self, *, message="", reply_by=None, **kwargs):
        self.info_request = message
        self.reply_by = reply_by

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.ELIGIBLE,
        permission=rules.can_screen,
        custom={"label": _("Mark eligible")},
    )
    def mark_eligible(self, **kwargs):
        pass

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.INELIGIBLE,
        permission=rules.can_screen,
        custom={"label": _("Mark ineligible")},
    )
    def mark_ineligible(self, **kwargs):
        pass

    @transition(
        field=state,
        source=[S.ELIGIBLE, S.INELIGIBLE],
        target=S.SUBMITTED,
        permission=rules.can_screen,
        custom={"label": _("Reconsider (back to submitted)")},
    )
    def reconsider(self, **kwargs):
        pass

    # Publication of the edition's results (prize.services.results_publish) takes these.
    @transition(
        field=state,
        source=S.ELIGIBLE,
        target=S.AWARDED,
        permission=rules.can_screen,
        custom={"label": _("Award")},
    )
    def award(self, **kwargs):
        pass

    @transition(
        field=state,
        source=S.ELIGIBLE,
        target=S.NOT_AWARDED,
        permission=rules.can_screen,
        custom={"label": _("Not awarded")},
    )
    def not_award(self, **kwargs):
        pass

    for _method in (
        submit,
        withdraw,
        request_info,
        mark_eligible,
        mark_ineligible,
        reconsider,
        award,
        not_award,
    ):
        _method.alters_data = True
    del _method


class EntryTransition(TransitionLog):
    """One step of an entry's timeline. `note` is shown to the authority;
    `internal_note` and the checklist only to the secretariat."""

    STATES = S

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="transitions")
    internal_note = models.TextField(_("internal note"), blank=True)
    checklist = models.JSONField(_("checklist"), null=True, blank=True)

    class Meta:
        verbose_name = _("entry transition")
        verbose_name_plural = _("entry transitions")
        ordering = ["entry", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry.ref}: {self.source or '—'} → {self.target}"


def _private_name(folder: str, extension: str) -> str:
    # Random names: nothing about the entry or the original file can be guessed.
    return f"private/{folder}/{uuid.uuid4().hex}.{extension}"


def photo_path(photo: "Photo", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return _private_name("photos", extension)


class Photo(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("file"), upload_to=photo_path, max_length=300)
    large = models.FileField(_("large rendition"), upload_to=photo_path, blank=True)
    thumb = models.FileField(_("thumbnail"), upload_to=photo_path, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    original_name = models.CharField(_("original file name"), max_length=120, blank=True)
    caption = models.JSONField(_("caption"), null=True, blank=True)
    credit = models.CharField(_("credit"), max_length=300, blank=True)
    alt = models.JSONField(_("alternative text"), null=True, blank=True)
    people = models.CharField(
        _("people shown"), max_length=16, choices=PhotoPeople, blank=True, default=""
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["entry", "order", "pk"]

    def __str__(self) -> str:
        return self.file.name

    def get_absolute_url(self, size: str = "large") -> str:
        return reverse("submissions:photo_file", kwargs={"pk": self.pk, "size": size})

    @property
    def people_cleared(self) -> bool:
        return rules.photo_people_cleared(self.people)


def attachment_path(attachment: "Attachment", filename: str) -> str:
    return _private_name("attachments", "pdf")


class Attachment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["entry", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("submissions:attachment_file", kwargs={"pk": self.pk})
