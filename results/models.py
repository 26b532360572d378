"""News of the prize, written by the secretariat in English and/or French."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prize.texts import Localized, pick
from web import richtext

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
