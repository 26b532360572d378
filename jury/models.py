"""The jury of an edition, their conflicts, assignments and scores (with every change
kept), and the result the jury recorded."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from prize.enums import JuryRound
from prize.models import Criterion, Edition, TransitionLog
from submissions.models import Entry

from .enums import AssignmentState, ConflictStatus, DecisionSource, JurorRole


class Juror(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="jurors")
    ref = models.SlugField(_("reference"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=JurorRole, default=JurorRole.MEMBER)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    terms_accepted_at = models.DateTimeField(_("accepted the jury's terms"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jury_seats",
    )

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["edition", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "ref"], name="juror_ref_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Conflict(models.Model):
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=16, choices=ConflictStatus, default=ConflictStatus.DECLARED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("the chair's reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry"], name="conflict_unique"),
        ]


class Assignment(ConcurrentTransitionMixin, models.Model):
    """One juror's sheet for one entry in one round of the jury. Its steps (submit,
    reopen) are taken only by jury.services.assignment_transition, which checks who may
    take them: the juror whose sheet it is, or the chair (jury.selectors.is_chair, the
    one chair check). Only the sheets of the edition's current round (Edition.jury_round)
    count; an edition with a shortlist keeps its first round's sheets on record."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    round = models.PositiveSmallIntegerField(_("round"), choices=JuryRound, default=JuryRound.FIRST)
    state = FSMField(
        _("state"), default=AssignmentState.DRAFT, choices=AssignmentState, protected=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry", "round"], name="assignment_unique_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.entry}"

    @transition(
        field=state,
        source=AssignmentState.DRAFT,
        target=AssignmentState.SUBMITTED,
    )
    def submit(self, *, at=None, **kwargs):
        self.submitted_at = at or timezone.now()

    @transition(
        field=state,
        source=AssignmentState.SUBMITTED,
        target=AssignmentState.DRAFT,
    )
    def reopen(self, *, at=None, **kwargs):
        self.submitted_at = None

    submit.alters_data = True
    reopen.alters_data = True


class AssignmentTransition(TransitionLog):
    """One step of a juror's sheet: submitted, or reopened by the chair (with the reason
    in `note`)."""

    STATES = AssignmentState

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        ordering = ["assignment", "at", "pk"]
        verbose_name = _("step of a score sheet")
        verbose_name_plural = _("steps of score sheets")


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    # Empty while the juror has written a comment on the criterion but not given the
    # score yet: a draft keeps every comment as it is typed. Submitting needs a value.
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=3, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=1000),
                name="score_value_range",
            ),
        ]


class ScoreChange(models.Model):
    """Every change of a score is kept: who, when, the old and the new value."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="changes")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    old = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    new = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assignment", "at", "pk"]


class Shortlist(models.Model):
    """The entries the jury's first round selected for the final round, recorded by the
    chair: the computed proposal (the first `shortlist_size` by the first round's
    ranking, with those tied with the last), or other entries with a written reason.
    Kept beside a snapshot of the first round's ranking and inputs with a digest, so the
    final round starts only from the scores it was made of."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="shortlist")
    entries = models.ManyToManyField(
        Entry, related_name="shortlists", verbose_name=_("shortlisted entries")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    reason = models.TextField(_("reason for departing from the computed proposal"), blank=True)
    computed_ranking = models.JSONField(_("first round's computed ranking"))
    inputs = models.JSONField(_("inputs of the first round's ranking"))
    digest = models.CharField(_("SHA-256 of the inputs"), max_length=64)

    class Meta:
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self) -> str:
        return str(self.edition)


class Decision(models.Model):
    """The result the jury recorded for an edition, and the computed ranking behind it."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="decision")
    source = models.CharField(_("source"), max_length=16, choices=DecisionSource)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    reason = models.TextField(_("reason for departing from the computed ranking"), blank=True)
    computed_ranking = models.JSONField(_("computed ranking"), null=True, blank=True)
    inputs = models.JSONField(_("inputs of the computed ranking"), null=True, blank=True)
    digest = models.CharField(_("SHA-256 of the inputs"), max_length=64, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("jury decision")
        verbose_name_plural = _("jury decisions")
        constraints = [
            # The four-eyes rule, whatever path writes the row (the service says it first).
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("recorded_by")),
                name="decision_approver_is_not_recorder",
            ),
        ]


class Result(models.Model):
    """One entry's place in a recorded decision."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="results")
    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="result")
    place = models.PositiveSmallIntegerField(_("place"))
    ex_aequo = models.BooleanField(_("ex aequo"), default=False)
    statement = models.JSONField(_("jury statement"), null=True, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["place", "entry__ref"]
        constraints = [
            models.CheckConstraint(condition=models.Q(place__gte=1), name="result_place_positive"),
        ]
