from prize.models import Edition

from .enums import JURY_STATES, SCREENING_STATES
from .models import Entry


def entries_awaiting_screening(*, edition: Edition) -> int:
    return Entry.objects.filter(edition=edition, state__in=SCREENING_STATES).count()


def entries_for_jury_count(*, edition: Edition) -> int:
    return Entry.objects.filter(edition=edition, state__in=JURY_STATES).count()
