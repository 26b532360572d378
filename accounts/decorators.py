"""Who may open a page: shared by every app's views (accounts is below them all)."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .rules import is_secretariat


def secretariat_only(view):
    """The login page for strangers, 403 for anyone not in the Secretariat group."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
