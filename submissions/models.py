"""Authorities, their entries and the entries' photos.

This issue builds what the interchange format needs; the submissions issue extends it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from prize.countries import country_name
from prize.models import Edition

from .enums import AuthorityKind, EntryState


class Authority(models.Model):
    name = models.CharField(_("official name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=AuthorityKind)
    country = models.CharField(_("country"), max_length=2)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="authorities",
        verbose_name=_("members"),
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

    @property
    def country_label(self) -> str:
        return country_name(self.country)


class Entry(ConcurrentTransitionMixin, models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="entries")
    ref = models.SlugField(_("reference"), max_length=80, unique=True)
    title = models.JSONField(_("title"), null=True, blank=True)
    summary = models.JSONField(_("summary"), null=True, blank=True)
    description = models.JSONField(_("description"), null=True, blank=True)
    state = FSMField(_("state"), default=EntryState.DRAFT, choices=EntryState, protected=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["edition", "ref"]

    def __str__(self) -> str:
        return self.ref


def photo_path(photo: "Photo", filename: str) -> str:
    return f"entries/{photo.entry.ref}/photos/{filename}"


class Photo(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("file"), upload_to=photo_path, max_length=300)
    caption = models.JSONField(_("caption"), null=True, blank=True)
    credit = models.CharField(_("credit"), max_length=300, blank=True)
    alt = models.JSONField(_("alternative text"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["entry", "order", "pk"]

    def __str__(self) -> str:
        return self.file.name
