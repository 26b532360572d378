"""Who hears of what: the authorities an announcement, a reminder or a moved deadline
goes to, and their people."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from alliance.enums import ParticipationState
from prize.enums import EditionState
from prize.models import Edition
from submissions.enums import EntryState
from submissions.models import Authority, Entry

User = get_user_model()


def announcement_authorities(*, edition: Edition) -> QuerySet[Authority]:
    """The Alliance's participants and the authorities that entered an earlier edition
    (an entry that went further than a draft)."""
    entered = Q(
        entries__edition__number__lt=edition.number,
        entries__state__in=[s for s in EntryState if s != EntryState.DRAFT],
    )
    participant = Q(participation__state=ParticipationState.ACCEPTED)
    ids = Authority.objects.filter(entered | participant).values("pk")
    return Authority.objects.filter(pk__in=ids).order_by("pk")


def draft_authorities(*, edition: Edition) -> QuerySet[Authority]:
    """The authorities with a draft entry not yet submitted to `edition`."""
    ids = Entry.objects.filter(edition=edition, state=EntryState.DRAFT).values("authority")
    return Authority.objects.filter(pk__in=ids).order_by("pk")


def entrant_authorities(*, edition: Edition) -> QuerySet[Authority]:
    """The authorities with an entry to `edition` that they have not withdrawn."""
    ids = Entry.objects.filter(edition=edition).exclude(state=EntryState.WITHDRAWN)
    return Authority.objects.filter(pk__in=ids.values("authority")).order_by("pk")


def people(*, authority_ids, opted_in_only: bool) -> QuerySet:
    """The active members of these authorities, each once; without those who opted out
    of announcements and reminders when `opted_in_only`."""
    found = User.objects.filter(authorities__in=authority_ids, is_active=True)
    if opted_in_only:
        found = found.filter(outreach_opt_out__isnull=True)
    return found.distinct().order_by("pk")


def is_opted_out(*, user) -> bool:
    return User.objects.filter(pk=user.pk, outreach_opt_out__isnull=False).exists()


def open_editions() -> QuerySet[Edition]:
    return Edition.objects.filter(state=EditionState.OPEN, submission_deadline__isnull=False)


def drafts(*, edition_id: int, authority_id: int) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(
            edition_id=edition_id, authority_id=authority_id, state=EntryState.DRAFT
        )
        .select_related("edition", "authority")
        .order_by("pk")
    )
