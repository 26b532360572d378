"""Reads for the Alliance pages and the counter. Each runs a fixed number of queries,
whatever the number of participants or entries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext, ngettext

from jury import selectors as jury_selectors
from jury.models import Result
from prize.enums import PUBLIC_RESULT_STATES
from prize.models import Edition
from submissions.models import Authority

from .enums import ParticipationState
from .models import Participation, ParticipationTransition, Profile


@dataclass(frozen=True)
class Counter:
    """'N cities and regions from M countries', from accepted participants only."""

    participants: int
    countries: int

    @property
    def text(self) -> str:
        participants = ngettext(
            "%(count)d city or region", "%(count)d cities and regions", self.participants
        ) % {"count": self.participants}
        countries = ngettext("%(count)d country", "%(count)d countries", self.countries) % {
            "count": self.countries
        }
        return gettext("%(participants)s from %(countries)s") % {
            "participants": participants,
            "countries": countries,
        }


def counter() -> Counter:
    """One aggregate query; a country with several participants counts once."""
    totals = Participation.objects.accepted().aggregate(
        participants=Count("pk"), countries=Count("authority__country", distinct=True)
    )
    return Counter(totals["participants"], totals["countries"])


# --- The public list ---------------------------------------------------------------------


@dataclass(frozen=True)
class Participants:
    rows: list[Participation]
    countries: dict[str, int]  # of every participant, so the filter shows what it gives
    kinds: dict[str, int]


def participants(*, country: str = "", kind: str = "") -> Participants:
    """Accepted participants, filtered by country and kind, with the counts per country
    and per kind of all of them. Three queries."""
    accepted = Participation.objects.accepted()
    countries = dict(accepted.values_list("authority__country").annotate(n=Count("pk")).order_by())
    kinds = dict(accepted.values_list("authority__kind").annotate(n=Count("pk")).order_by())
    rows = accepted.select_related("authority").order_by("authority__country", "authority__name")
    if country:
        rows = rows.filter(authority__country=country)
    if kind:
        rows = rows.filter(authority__kind=kind)
    return Participants(list(rows), countries, kinds)


# --- A profile ---------------------------------------------------------------------------


def public_participation(*, slug: str) -> Participation:
    """An accepted participation with its authority and profile; else not found."""
    found = (
        Participation.objects.accepted()
        .select_related("authority", "authority__profile")
        .filter(slug=slug)
        .first()
    )
    if found is None:
        raise Http404("No such participant")
    return found


def profile_of(authority: Authority) -> Profile | None:
    """The profile, when select_related brought it (None if never written)."""
    try:
        return authority.profile
    except Profile.DoesNotExist:
        return None


def published_results(*, authority: Authority) -> list[Result]:
    """The authority's entries in editions whose results are public, with their result,
    newest edition first. One query, whatever the number of entries."""
    public = Edition.objects.filter(state__in=PUBLIC_RESULT_STATES)
    results = jury_selectors.results(editions=public).filter(entry__authority=authority)
    return sorted(results, key=lambda r: (-r.decision.edition.number, r.place))


def is_laureate(result: Result) -> bool:
    """A place the edition awarded, so the result has a laureate page."""
    return result.place <= result.decision.edition.places


# --- The authority's and the secretariat's pages -----------------------------------------


def participation_of(*, authority: Authority) -> Participation | None:
    return Participation.objects.filter(authority=authority).first()


def requests(*, state: str = "") -> tuple[QuerySet[Participation], dict[str, int]]:
    """Participations for the secretariat, pending first, with the count per state."""
    everything = Participation.objects.all()
    counts = dict(everything.values_list("state").annotate(n=Count("pk")).order_by())
    rows = everything.select_related("authority").order_by("-requested_at")
    if state:
        rows = rows.filter(state=state)
    return rows, counts


def pending_count() -> int:
    return Participation.objects.filter(
        Q(state=ParticipationState.REQUESTED) | Q(state=ParticipationState.INFO_REQUESTED)
    ).count()


def review(*, pk: int) -> Participation:
    found = Participation.objects.select_related("authority").filter(pk=pk).first()
    if found is None:
        raise Http404("No such request")
    return found


def history(*, participation: Participation) -> list[ParticipationTransition]:
    return list(participation.transitions.select_related("by").order_by("at", "pk"))


def transition_with_participation(transition_id: int) -> ParticipationTransition:
    return ParticipationTransition.objects.select_related("by", "participation__authority").get(
        pk=transition_id
    )
