"""Reads for the pages people land on after logging in (results.views.landing): the
secretariat's overview of every edition with its next step, and each person's to-dos
as a juror, a chair or a member of an authority.

The secretariat's overview reads every edition's counts in a fixed number of queries,
whatever the number of editions, entries or sheets; only an edition in deliberation
without a decision adds the few queries of its computed ranking (to name its ties)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jury import selectors as jury_selectors
from jury.enums import AssignmentState, ConflictStatus, DecisionSource, JurorRole
from jury.models import Conflict, Decision, Juror
from prize import selectors as prize_selectors
from prize.enums import EDITION_JURY_STATES, PUBLIC_RESULT_STATES, EditionState
from prize.models import Edition
from prize.texts import ordinal
from submissions import selectors as submission_selectors
from submissions.enums import EDITABLE_STATES, EntryState
from submissions.models import Entry
from submissions.services import entry_submit_missing
from web.dates import date_format

S = EditionState


@dataclass(frozen=True)
class NextStep:
    """What to do next: a sentence, and the link to the page where it is done."""

    text: str
    label: str
    url: str


@dataclass
class EditionOverview:
    edition: Edition
    entries: dict[str, int] = field(default_factory=dict)  # state: count
    sheets_expected: int = 0
    sheets_submitted: int = 0
    conflicts_open: int = 0
    jurors: int = 0
    decision: Decision | None = None
    ties: tuple[int, ...] = ()  # the laureate places the computed ranking shares
    next_step: NextStep | None = None

    @property
    def condensed(self) -> bool:
        """Published and archived editions take one line: nothing is left to run."""
        return self.edition.state in PUBLIC_RESULT_STATES

    @property
    def entry_counts(self) -> list[tuple[str, int]]:
        """(state label, count) of the states that have entries, in the states' order."""
        return [(label, self.entries[v]) for v, label in EntryState.choices if self.entries.get(v)]

    @property
    def entries_total(self) -> int:
        return sum(self.entries.values())

    @property
    def awaiting_screening(self) -> int:
        return self.entries.get(EntryState.SUBMITTED, 0) + self.entries.get(
            EntryState.INFO_REQUESTED, 0
        )

    @property
    def eligible(self) -> int:
        return sum(
            self.entries.get(s, 0)
            for s in (EntryState.ELIGIBLE, EntryState.AWARDED, EntryState.NOT_AWARDED)
        )

    @property
    def scoring_started(self) -> bool:
        return self.edition.state not in (S.DRAFT, S.OPEN, S.SCREENING)


def edition_overviews(*, now=None) -> list[EditionOverview]:
    """Every edition, newest first, with its counts and its next step. Six queries, plus
    the ranking of each edition in deliberation that has no decision yet."""
    now = now or timezone.now()
    overviews = {e.pk: EditionOverview(edition=e) for e in Edition.objects.order_by("-number")}
    if not overviews:
        return []
    for edition_id, state, count in (
        Entry.objects.values_list("edition_id", "state").annotate(n=Count("pk")).order_by()
    ):
        overviews[edition_id].entries[state] = count
    for row in _counted_sheets():
        overview = overviews[row["juror__edition_id"]]
        overview.sheets_expected, overview.sheets_submitted = row["expected"], row["submitted"]
    for edition_id, count in _per_edition(
        Conflict.objects.filter(status=ConflictStatus.FLAGGED), "juror__edition_id"
    ):
        overviews[edition_id].conflicts_open = count
    for edition_id, count in _per_edition(Juror.objects.all(), "edition_id"):
        overviews[edition_id].jurors = count
    for decision in Decision.objects.all():
        overviews[decision.edition_id].decision = decision
    for overview in overviews.values():
        if overview.edition.state == S.DELIBERATION and overview.decision is None:
            overview.ties = _laureate_ties(overview.edition)
        overview.next_step = next_step(overview, now=now)
    return list(overviews.values())


def _per_edition(queryset, key: str):
    return queryset.values_list(key).annotate(n=Count("pk")).order_by()


def _counted_sheets():
    """Per edition, the score sheets that count (the current round's, no blocking
    conflict: as in the ranking) and how many of them were submitted."""
    return (
        jury_selectors.counted_assignments()
        .values("juror__edition_id")
        .annotate(
            expected=Count("pk"),
            submitted=Count("pk", filter=Q(state=AssignmentState.SUBMITTED)),
        )
        .order_by()
    )


def _laureate_ties(edition: Edition) -> tuple[int, ...]:
    """The laureate places that the computed ranking gives to more than one entry."""
    rows = jury_selectors.edition_ranking(edition=edition)
    return tuple(sorted({r.place for r in rows if r.laureate and r.ex_aequo and r.place}))


# The next step of an edition, state by state ------------------------------------------


def next_step(overview: EditionOverview, *, now) -> NextStep | None:
    step = _STEPS.get(overview.edition.state)
    return step(overview, now) if step else None


def _edition_page(overview: EditionOverview) -> str:
    return reverse("results:secretariat_edition", kwargs={"number": overview.edition.number})


def _confirm_page(overview: EditionOverview, action: str) -> str:
    return reverse(
        "results:secretariat_edition_confirm",
        kwargs={"number": overview.edition.number, "action": action},
    )


def _jury_page(overview: EditionOverview, name: str) -> str:
    return reverse(name, kwargs={"number": overview.edition.number})


def _draft(overview, now) -> NextStep:
    return NextStep(
        _("Prepare the edition's settings, then open the call for entries."),
        _("Open the call"),
        _edition_page(overview),
    )


def _open(overview, now) -> NextStep:
    deadline = overview.edition.submission_deadline
    if deadline is None:
        return NextStep(
            _("Set a submission deadline."), _("Edit the edition"), _edition_page(overview)
        )
    day = date_format(timezone.localtime(deadline))
    if deadline > now:
        return NextStep(
            _("Close the call on %(date)s, once the submission deadline has passed.")
            % {"date": day},
            _("Go to the edition"),
            _edition_page(overview),
        )
    return NextStep(
        _("The submission deadline passed on %(date)s: close the call.") % {"date": day},
        _("Close the call"),
        _edition_page(overview),
    )


def _screening(overview, now) -> NextStep:
    waiting = overview.awaiting_screening
    screening = reverse(
        "submissions:secretariat_screening", kwargs={"number": overview.edition.number}
    )
    if waiting:
        text = ngettext(
            "%(count)d entry awaits screening.", "%(count)d entries await screening.", waiting
        )
        return NextStep(text % {"count": waiting}, _("Screen the entries"), screening)
    if overview.eligible == 0:
        return NextStep(
            _("No entry has been found eligible yet."), _("Screen the entries"), screening
        )
    if overview.jurors == 0:
        return NextStep(
            _("Invite the jury before the judging starts."),
            _("Invite the jury"),
            _jury_page(overview, "jury:secretariat"),
        )
    return NextStep(
        _("Screening is done: start the judging."),
        _("Start the judging"),
        _edition_page(overview),
    )


def _judging(overview, now) -> NextStep:
    progress = _jury_page(overview, "jury:deliberation")
    if overview.conflicts_open:
        count = overview.conflicts_open
        text = ngettext(
            "%(count)d conflict of interest awaits a decision.",
            "%(count)d conflicts of interest await a decision.",
            count,
        )
        return NextStep(text % {"count": count}, _("Decide the conflicts"), progress)
    if overview.sheets_expected == 0:
        return NextStep(
            _("No score sheet is expected: check the jury and its entries."),
            _("Check the jury"),
            _jury_page(overview, "jury:secretariat"),
        )
    missing = overview.sheets_expected - overview.sheets_submitted
    if missing:
        text = ngettext(
            "%(count)d score sheet is still to come.",
            "%(count)d score sheets are still to come.",
            missing,
        )
        return NextStep(text % {"count": missing}, _("See the progress, remind jurors"), progress)
    return NextStep(
        _("Every score sheet is in: lock the scores and start the deliberation."),
        _("Lock the scores"),
        _confirm_page(overview, "start_deliberation"),
    )


def _deliberation(overview, now) -> NextStep:
    decision = overview.decision
    if decision is None:
        return NextStep(
            _ties_text(overview.ties) or _("The jury's decision is to be recorded."),
            _("Record the decision"),
            _jury_page(overview, "jury:deliberation"),
        )
    if decision.approved_at is None and decision.source != DecisionSource.IMPORTED:
        return NextStep(
            _("The chair recorded the jury's decision: a second person approves it."),
            _("Approve the decision"),
            _jury_page(overview, "jury:approve"),
        )
    return NextStep(
        _("The decision is approved: publish the results."),
        _("Publish"),
        _confirm_page(overview, "publish"),
    )


def _ties_text(ties: tuple[int, ...]) -> str:
    if not ties:
        return ""
    if len(ties) == 1:
        return _("Record the tie for %(place)s place.") % {"place": ordinal(ties[0], feminine=True)}
    places = ", ".join(ordinal(p, feminine=True) for p in ties)
    return _("Record the ties for these places: %(places)s.") % {"places": places}


_STEPS = {
    S.DRAFT: _draft,
    S.OPEN: _open,
    S.SCREENING: _screening,
    S.JUDGING: _judging,
    S.DELIBERATION: _deliberation,
}  # published and archived editions have none: they are shown condensed


# Each person's to-dos ----------------------------------------------------------------


@dataclass
class SeatTodo:
    """A seat on a jury, with the juror's own sheets that count (no conflict)."""

    juror: Juror
    total: int = 0
    submitted: int = 0
    drafts: int = 0  # started, not submitted

    @property
    def edition(self) -> Edition:
        return self.juror.edition

    @property
    def active(self) -> bool:
        """Something may still be asked of the juror: the results are not out."""
        return self.edition.state not in PUBLIC_RESULT_STATES

    @property
    def scoring(self) -> bool:
        return self.edition.state in EDITION_JURY_STATES

    @property
    def chairs_deliberation(self) -> bool:
        return self.juror.role == JurorRole.CHAIR and self.edition.state == S.DELIBERATION

    @property
    def not_started(self) -> int:
        return self.total - self.submitted - self.drafts

    @property
    def url(self) -> str:
        """The seat's own page: the deliberation for the chair while the jury deliberates,
        else the juror's entries."""
        name = "jury:deliberation" if self.chairs_deliberation else "jury:home"
        return reverse(name, kwargs={"number": self.edition.number})


def seat_todos(*, user) -> list[SeatTodo]:
    """The person's jury seats, newest edition first, with their sheets. Two queries."""
    seats = {
        j.pk: SeatTodo(juror=j)
        for j in Juror.objects.filter(user_id=user.pk)
        .select_related("edition")
        .order_by("-edition__number")
    }
    if not seats:
        return []
    scored = Q(state=AssignmentState.DRAFT, scores__value__isnull=False)
    rows = (
        jury_selectors.counted_assignments(juror_id__in=seats)
        .values("juror_id")
        .annotate(
            total=Count("pk", distinct=True),
            submitted=Count("pk", filter=Q(state=AssignmentState.SUBMITTED), distinct=True),
            drafts=Count("pk", filter=scored, distinct=True),
        )
        .order_by()
    )
    for row in rows:
        seat = seats[row["juror_id"]]
        seat.total, seat.submitted, seat.drafts = row["total"], row["submitted"], row["drafts"]
    return list(seats.values())


@dataclass
class EntryTodo:
    entry: Entry
    missing: list[str] = field(default_factory=list)  # what it needs before submitting

    @property
    def editable(self) -> bool:
        return self.entry.state in EDITABLE_STATES


@dataclass
class AuthorityTodo:
    authority: object
    entries: list[EntryTodo] = field(default_factory=list)
    open_edition: Edition | None = None
    may_start: bool = False  # the call is open and the authority has no entry in it


def authority_todos(*, user) -> list[AuthorityTodo]:
    """The person's authorities, each with its entries in editions not archived yet and
    what each editable one still needs (the entry page's own checklist,
    submissions.services.entry_submit_missing), and whether an entry may be started."""
    authorities = list(submission_selectors.authorities_of(user=user))
    if not authorities:
        return []
    open_edition = prize_selectors.open_call()
    entries = submission_selectors.entries_of(authorities=authorities).exclude(
        edition__state=S.ARCHIVED
    )
    todos = {a.pk: AuthorityTodo(authority=a, open_edition=open_edition) for a in authorities}
    for entry in entries.exclude(state=EntryState.WITHDRAWN):
        missing = entry_submit_missing(entry) if entry.state in EDITABLE_STATES else []
        todos[entry.authority_id].entries.append(
            EntryTodo(entry=entry, missing=[message for _where, message in missing])
        )
    for todo in todos.values():
        todo.may_start = bool(open_edition) and not submission_selectors.standing_entry(
            authority_id=todo.authority.pk, edition_id=open_edition.pk
        )
    return list(todos.values())


@dataclass
class Todos:
    seats: list[SeatTodo]
    authorities: list[AuthorityTodo]

    @property
    def active_seats(self) -> list[SeatTodo]:
        return [s for s in self.seats if s.active]

    @property
    def empty(self) -> bool:
        return not (self.seats or self.authorities)


def person_todos(*, user) -> Todos:
    return Todos(seats=seat_todos(user=user), authorities=authority_todos(user=user))


def has_own_todos(*, user) -> bool:
    """Whether a secretariat member also sits on a jury or belongs to an authority."""
    return Juror.objects.filter(user_id=user.pk).exists() or user.authorities.exists()
