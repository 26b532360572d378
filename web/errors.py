"""How every page turns a service's refusal into words on the page. Shared by the
secretariat's, the authorities' and the jury's views; and the pages of a failed request
and of a refused CSRF check."""

import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token


def add_errors(form, error: ValidationError | PermissionDenied) -> None:
    """Put a service's refusal on the form fields it names (or the field a form's
    `error_fields` maps the service's name to), else above the form."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, error_text(error))
    elif hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            field = getattr(form, "error_fields", {}).get(name, name)
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
    database cannot be reached, the 500 page with the request's reference otherwise.
    Both pages are static (both languages, no database, no session), as they are shown
    when something failed."""
    error = sys.exception()
    if isinstance(error, DATABASE_DOWN):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    # The request's id (settings/observability.py), which the person can quote and the
    # team finds in the logs and the error tracker.
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.render_to_string("500.html", context))


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a form sent with a stale token (its page was opened before the
    person logged in again in another tab, or the cookies were cleared). Nothing is
    saved, but the typed text comes back on a page with a fresh token, so one more Save
    keeps it: the page's own form when its view has a `csrf_redisplay` function (the
    entry form), otherwise the posted values as hidden fields of a "Save again" form.
    Nothing is stored: the values are only sent back, escaped, and only to a form posted
    from this site (never a password), so another site cannot make a page that saves
    what it chose with one click."""
    notice = _(
        "Your page had expired, for example because you logged in again in another tab. "
        "Your text is kept: press Save again."
    )
    if request.FILES:
        notice += " " + _("Files must be chosen again.")
    kept = request.method == "POST" and _same_origin(request) and not _has_password(request)
    response = _redisplayed(request, notice) if kept else None
    if response is not None:
        response.status_code = 403
        return response
    referer = request.headers.get("Referer", "")
    context = {
        "notice": notice,
        "fields": _posted(request) if kept else [],
        "action": request.path,
        "back": referer if _own(request, referer) else reverse("results:home"),
    }
    return render(request, "csrf_failure.html", context, status=403)


def _redisplayed(request, notice: str):
    """The page's own form, from its view's `csrf_redisplay`, for a person logged in."""
    user, match = getattr(request, "user", None), getattr(request, "resolver_match", None)
    redisplay = getattr(match.func, "csrf_redisplay", None) if match else None
    if redisplay is None or user is None or not user.is_authenticated:
        return None
    return redisplay(request, notice, *match.args, **match.kwargs)


def _posted(request) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]


def _same_origin(request) -> bool:
    """The form was posted from one of this site's pages (the Origin header that browsers
    send with a form, else the Referer)."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == _origin(request) or origin in settings.CSRF_TRUSTED_ORIGINS
    return _own(request, request.headers.get("Referer", ""))


def _origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _own(request, url: str) -> bool:
    return url == _origin(request) or url.startswith(_origin(request) + "/")


def _has_password(request) -> bool:
    return any("password" in name for name in request.POST)
