"""Editions of the prize, their award criteria, and the log of their lifecycle."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from web import richtext

from . import rules
from .enums import (
    PUBLIC_RESULT_STATES,
    PUBLIC_STATES,
    Aggregation,
    EditionState,
    JuryRound,
    PlaceNumbering,
)
from .texts import Localized, pick, prize_title

S = EditionState


class EditionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state__in=PUBLIC_STATES)


class Edition(ConcurrentTransitionMixin, models.Model):
    number = models.PositiveIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1)]
    )
    name = models.JSONField(_("name"), help_text=_('{"en": "...", "fr": "..."}'))
    year = models.PositiveSmallIntegerField(_("year of the call"))
    eligible_countries = models.JSONField(
        _("eligible countries"),
        null=True,
        blank=True,
        help_text=_("Empty for every Council of Europe member state; else a list of codes."),
    )
    project_start = models.DateField(_("project period start"), null=True, blank=True)
    project_end = models.DateField(_("project period end"), null=True, blank=True)
    submission_deadline = models.DateTimeField(_("submission deadline"), null=True, blank=True)
    ceremony_date = models.DateField(_("ceremony date"), null=True, blank=True)
    ceremony_place = models.CharField(
        _("ceremony place"), max_length=200, null=True, blank=True, default="Strasbourg"
    )
    ceremony_occasion = models.JSONField(_("ceremony occasion"), null=True, blank=True)
    places = models.PositiveSmallIntegerField(
        _("prize places"), default=3, validators=[MinValueValidator(1)]
    )
    place_numbering = models.CharField(
        _("place numbering"), max_length=16, choices=PlaceNumbering, default=PlaceNumbering.DENSE
    )
    aggregation = models.CharField(
        _("aggregation of juror totals"),
        max_length=16,
        choices=Aggregation,
        default=Aggregation.MEAN,
    )
    score_precision = models.PositiveSmallIntegerField(_("score precision (decimals)"), default=2)
    score_step = models.DecimalField(
        _("step of a juror's score"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    jurors_per_entry = models.PositiveSmallIntegerField(
        _("jurors per entry"),
        null=True,
        blank=True,
        help_text=_("Empty: every juror scores every entry they have no conflict with."),
    )
    shortlist_size = models.PositiveSmallIntegerField(
        _("size of the shortlist"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Empty: no shortlist, the jury scores every eligible entry once. A number: the "
            "jury's first round selects about that many entries, which alone go to the "
            "final round."
        ),
    )
    # Which round the jury scores: set only by the lifecycle (start_final_round).
    jury_round = models.PositiveSmallIntegerField(
        _("round of the jury"), choices=JuryRound, default=JuryRound.FIRST, editable=False
    )
    signatories = models.JSONField(
        _("signatories of the certificates"),
        default=list,
        blank=True,
        help_text=_('A list of {"name": "...", "role": {"en": "...", "fr": "..."}}.'),
    )
    participation_certificates = models.BooleanField(
        _("certificates of participation"),
        default=False,
        help_text=_("Also issue a certificate of participation for every eligible entry."),
    )
    tie_break = models.JSONField(
        _("tie-break criteria"),
        default=list,
        blank=True,
        help_text=_("Criterion codes, in order, that split a tie before it is declared ex aequo."),
    )
    # The call for entries as the secretariat wrote it, in the safe format of web.richtext.
    call_text_en = models.TextField(
        _("call for entries in English"),
        blank=True,
        default="",
        validators=[MaxLengthValidator(richtext.MAX_LENGTH)],
    )
    call_text_fr = models.TextField(
        _("call for entries in French"),
        blank=True,
        default="",
        validators=[MaxLengthValidator(richtext.MAX_LENGTH)],
    )
    state = FSMField(_("state"), default=S.DRAFT, choices=S, protected=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="edition_number_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(places__gte=1), name="edition_places_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(shortlist_size__isnull=True) | models.Q(shortlist_size__gte=1),
                name="edition_shortlist_size_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(project_start__isnull=True)
                | models.Q(project_end__isnull=True)
                | models.Q(project_end__gte=models.F("project_start")),
                name="edition_project_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("results:edition", kwargs={"number": self.number})

    @property
    def display_name(self) -> str:
        text = pick(self.name)
        return text.text if text else prize_title(self.number)

    def clean(self):
        errors = {}
        if not isinstance(self.name, dict) or not (self.name.get("en") or self.name.get("fr")):
            errors["name"] = _("Give the name in English or French.")
        if self.project_start and self.project_end and self.project_end < self.project_start:
            errors["project_end"] = _("The project period must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def call_text(self) -> Localized | None:
        """The call in the active language, else in the other one (its lang says which)."""
        return pick({"en": self.call_text_en, "fr": self.call_text_fr})

    @property
    def results_public(self) -> bool:
        return self.state in PUBLIC_RESULT_STATES

    # The lifecycle. Transitions only move the state; EditionTransition records who and
    # why, written by prize.services.edition_transition in the same transaction.
    @transition(
        field=state,
        source=S.DRAFT,
        target=S.OPEN,
        permission=rules.can_run_edition,
        custom={"label": _("Open the call for entries")},
    )
    def open_call(self):
        pass

    @transition(
        field=state,
        source=S.OPEN,
        target=S.DRAFT,
        permission=rules.can_run_edition,
        custom={"label": _("Withdraw the call (back to draft)")},
    )
    def withdraw_call(self):
        pass

    @transition(
        field=state,
        source=S.OPEN,
        target=S.SCREENING,
        permission=rules.can_run_edition,
        custom={"label": _("Close the call and start screening")},
    )
    def close_call(self):
        pass

    @transition(
        field=state,
        source=S.SCREENING,
        target=S.OPEN,
        permission=rules.can_run_edition,
        custom={"label": _("Reopen the call (deadline extended)")},
    )
    def reopen_call(self):
        pass

    @transition(
        field=state,
        source=S.SCREENING,
        target=S.JUDGING,
        permission=rules.can_run_edition,
        custom={"label": _("Start jury scoring")},
    )
    def start_judging(self):
        pass

    @transition(
        field=state,
        source=S.JUDGING,
        target=S.DELIBERATION,
        permission=rules.can_run_edition,
        custom={"label": _("Lock scores and deliberate")},
    )
    def start_deliberation(self):
        pass

    @transition(
        field=state,
        source=S.DELIBERATION,
        target=S.JUDGING,
        permission=rules.can_run_edition,
        custom={"label": _("Reopen scoring")},
    )
    def reopen_judging(self):
        pass

    @transition(
        field=state,
        source=S.DELIBERATION,
        target=S.JUDGING,
        permission=rules.can_run_edition,
        conditions=[rules.final_round_possible],
        custom={"label": _("Start the final round (shortlisted entries only)")},
    )
    def start_final_round(self):
        self.jury_round = JuryRound.FINAL

    @transition(
        field=state,
        source=S.DELIBERATION,
        target=S.PUBLISHED,
        permission=rules.can_run_edition,
        custom={"label": _("Publish the results")},
    )
    def publish(self):
        pass

    @transition(
        field=state,
        source=S.PUBLISHED,
        target=S.ARCHIVED,
        permission=rules.can_run_edition,
        custom={"label": _("Archive the edition")},
    )
    def archive(self):
        pass

    for _method in (
        open_call,
        withdraw_call,
        close_call,
        reopen_call,
        start_judging,
        start_deliberation,
        reopen_judging,
        start_final_round,
        publish,
        archive,
    ):
        _method.alters_data = True
    del _method


class Criterion(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=64)
    name = models.JSONField(_("name"))
    description = models.JSONField(_("description"), null=True, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=8,
        decimal_places=3,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=10, validators=[MinValueValidator(1)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["edition", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="criterion_code_unique"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="criterion_weight_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(max_score__gte=1), name="criterion_max_positive"
            ),
        ]

    def __str__(self) -> str:
        text = pick(self.name)
        return text.text if text else self.code


class TransitionLog(models.Model):
    """One step of a lifecycle: who took it, from which state to which, when, and why.
    Written by the service that takes the step, in the same transaction."""

    STATES: type[models.TextChoices]

    action = models.CharField(_("action"), max_length=64)
    source = models.CharField(_("from"), max_length=32, blank=True)
    target = models.CharField(_("to"), max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True

    @property
    def source_label(self) -> str:
        return self._label(self.source)

    def exported(self, user) -> dict:
        """This step as `user` downloads it with their data (accounts.personal_data):
        whoever took it is only "you" or not."""
        return {
            "at": self.at,
            "action": self.action,
            "from": self.source,
            "to": self.target,
            "by_you": self.by_id == user.pk,
            "note": self.note,
        }

    @property
    def target_label(self) -> str:
        return self._label(self.target)

    def _label(self, state: str) -> str:
        return self.STATES(state).label if state in self.STATES.values else state


class EditionTransition(TransitionLog):
    """One line of an edition's history."""

    STATES = S

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        verbose_name = _("edition transition")
        verbose_name_plural = _("edition transitions")
        ordering = ["edition", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.edition.number}: {self.source or '—'} → {self.target}"
