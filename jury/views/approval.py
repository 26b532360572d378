"""The secretariat's approval of the jury's decision, asked first: a page that says
what approving does and what looks wrong, then the confirmed POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import secretariat_only
from prize.models import Edition
from web.access import confirmed, refuse_unconfirmed
from web.errors import error_text

from .. import services
from ..confirm_selectors import approval_step


@secretariat_only
def approve(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    if request.method == "POST":
        return _approve(request, edition)
    context = {
        "edition": edition,
        "step": (step := approval_step(edition=edition, by=request.user)),
        "problems": step.problems,
        "form_action": reverse("jury:approve", args=[number]),
        "cancel_url": reverse("jury:deliberation", args=[number]),
        "button": _("Approve the decision"),
    }
    return render(request, "jury/approve_confirm.html", context)


def _approve(request, edition):
    if not confirmed(request):
        return refuse_unconfirmed(request, "jury:approve", number=edition.number)
    try:
        services.decision_approve(edition_id=edition.pk, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return redirect("jury:approve", number=edition.number)
    messages.success(
        request, _("The decision is approved: scores are frozen; results can be published.")
    )
    return redirect("jury:deliberation", number=edition.number)
