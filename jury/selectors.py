from prize.models import Edition

from .models import Decision, Juror, Result


def juror_count(*, edition: Edition) -> int:
    return Juror.objects.filter(edition=edition).count()


def has_decision(*, edition: Edition) -> bool:
    return Decision.objects.filter(edition=edition).exists()


def results(*, editions):
    """Recorded results of the given editions, with entry and authority, best first."""
    return (
        Result.objects.filter(decision__edition__in=editions)
        .select_related("entry__authority", "entry__edition", "decision__edition")
        .order_by("decision__edition__number", "place", "entry__ref")
    )
