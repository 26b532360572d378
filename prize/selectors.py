"""Reads of the prize's own tables worth naming. The public pages' reads, which join
the entries and the jury, are `results.selectors`."""

from django.db.models import Prefetch
from django.http import Http404

from .enums import EditionState
from .models import Criterion, Edition


def open_call() -> Edition | None:
    """The edition currently open for entries, with its criteria."""
    return (
        Edition.objects.filter(state=EditionState.OPEN)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order")))
        .order_by("-number")
        .first()
    )


def public_edition(number: int) -> Edition:
    try:
        return (
            Edition.objects.public()
            .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order")))
            .get(number=number)
        )
    except Edition.DoesNotExist:
        raise Http404("No such edition") from None
