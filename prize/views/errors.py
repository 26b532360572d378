"""How every page turns a service's refusal into words on the page. Shared by the
secretariat's, the authorities' and the jury's views; and the page of a failed request."""

import sys

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token


def add_errors(form, error: ValidationError | PermissionDenied) -> None:
    """Put a service's refusal on the form fields it names, else above the form."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, error_text(error))
    elif hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def error_text(error: ValidationError | PermissionDenied) -> str:
    """A refusal as one sentence (or several) for a message."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do this.")


# The database went away (restarted, failed over, a dropped connection): a temporary
# state, said as such, rather than the generic error page.
DATABASE_DOWN = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request):
    """handler500: a 503 "temporarily unavailable, your last save is kept" page when the
    database cannot be reached, Django's usual 500 page otherwise. Both pages are static
    (both languages, no database, no session), as they are shown when something failed."""
    error = sys.exception()
    if isinstance(error, DATABASE_DOWN):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
