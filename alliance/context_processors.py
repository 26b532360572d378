from django.utils.functional import SimpleLazyObject

from . import selectors


def counter(request):
    """The Alliance counter shown on every page: one aggregate query, run only when a
    page actually shows it (the template reads it lazily)."""
    return {"alliance_counter": SimpleLazyObject(selectors.counter)}
