"""The opt-out page, reached from the link in every announcement and reminder, without
logging in: the signed token in the address names the person.

Mail scanners open links before people do, so opening the page changes nothing: the
person presses a button (a POST). The List-Unsubscribe header's address takes the
RFC 8058 one-click POST that mail programs send, and shows the page to anyone opening it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .tokens import opt_out_user_id

User = get_user_model()

STOPPED = gettext_lazy("Done: you will receive no more announcements or reminders.")
RESUMED = gettext_lazy("Done: you will receive announcements and reminders again.")


def _person(token: str):
    """The person of a token, or a 404 for a forged or altered one (or an account that
    is gone): the page says nothing about whose address it was."""
    user_id = opt_out_user_id(token)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        raise Http404(_("This link is not valid. Copy the whole address from the e-mail."))
    return user


def masked(email: str) -> str:
    """Enough of the address for its owner to recognise it, not enough to learn it from a
    forwarded link: "a…@alpha.example"."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def opt_out(request, token: str):
    person = _person(token)
    if request.method == "POST":
        choice = request.POST.get("choice")
        if choice not in ("stop", "resume"):
            return HttpResponseBadRequest(_("Choose one of the page's two buttons."))
        stopped = services.opt_out_set(user=person, opted_out=choice == "stop")
        messages.success(request, STOPPED if stopped else RESUMED)
        return redirect("outreach:opt_out", token=token)
    response = render(
        request,
        "outreach/opt_out.html",
        {"address": masked(person.email), "opted_out": selectors.is_opted_out(user=person)},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # mail programs post here without a session: the signed token authorises
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def one_click(request, token: str):
    """RFC 8058: a POST whose body is "List-Unsubscribe=One-Click" opts out at once;
    anything else is shown the page, which asks."""
    person = _person(token)
    if request.method != "POST" or request.POST.get("List-Unsubscribe") != "One-Click":
        return redirect("outreach:opt_out", token=token)
    services.opt_out_set(user=person, opted_out=True)
    return HttpResponse(
        _("You will receive no more announcements or reminders."),
        content_type="text/plain; charset=utf-8",
    )
