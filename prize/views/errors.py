"""How every page turns a service's refusal into words on the page. Shared by the
secretariat's, the authorities' and the jury's views."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


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
