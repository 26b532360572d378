"""Steps that ask first (publish, withdraw, lock, approve, revoke): the confirmed POST
of the page that said what would happen. Shared by every app's views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

CONFIRM_FIELD = "confirm"


def confirmed(request) -> bool:
    """The POST carries the explicit confirmation of the page that asked first."""
    return request.POST.get(CONFIRM_FIELD) == "yes"


def refuse_unconfirmed(request, to: str, **kwargs):
    """A POST without the confirmation (the old one-click form, a forged one): nothing is
    done, the person is told why and sent to the page that asks."""
    messages.error(
        request, _("Nothing was done: read what this step will do, then confirm it here.")
    )
    return redirect(to, **kwargs)
