"""The secretariat's Alliance pages: the requests by state, and the review of one with
the answers, the letter, the history and the decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_only
from web.errors import add_errors

from .. import selectors, services
from ..enums import CONDITIONS, REVIEW_ACTIONS, ParticipationState
from ..forms import CharterForm, DecisionForm


@secretariat_only
def requests(request):
    state = request.GET.get("state", "")
    if state not in ParticipationState.values:
        state = ""
    rows, counts = selectors.requests(state=state)
    return render(
        request,
        "alliance/secretariat/requests.html",
        {
            "rows": list(rows),
            "state": state,
            "states": [(s, label, counts.get(s, 0)) for s, label in ParticipationState.choices],
            "total": sum(counts.values()),
        },
    )


@secretariat_only
def review(request, pk: int):
    participation = selectors.review(pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        if action not in REVIEW_ACTIONS:
            form.add_error(None, _("Choose one of the buttons."))
        else:
            try:
                services.participation_transition(
                    participation_id=participation.pk,
                    action=action,
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except (ValidationError, PermissionDenied) as error:
                add_errors(form, error)
            else:
                participation.refresh_from_db()
                messages.success(
                    request,
                    _("%(name)s: now “%(state)s”.")
                    % {
                        "name": participation.authority.name,
                        "state": participation.get_state_display(),
                    },
                )
                return redirect("alliance:review", pk=participation.pk)
    return _review_page(request, participation, form, CharterForm(), 400 if form.errors else 200)


def _review_page(request, participation, form, charter_form, status: int):
    return render(
        request,
        "alliance/secretariat/review.html",
        {
            "participation": participation,
            "authority": participation.authority,
            "answers": [
                (label, getattr(participation, code)) for code, label, _question in CONDITIONS
            ],
            "form": form,
            "charter_form": charter_form,
            "actions": [
                t
                for t in participation.get_available_user_state_transitions(request.user)
                if t.name in REVIEW_ACTIONS
            ],
            "history": selectors.history(participation=participation),
        },
        status=status,
    )


@secretariat_only
@require_POST
def charter(request, pk: int):
    participation = selectors.review(pk=pk)
    form = CharterForm(request.POST)
    if form.is_valid():
        try:
            services.participation_charter_record(
                participation_id=participation.pk,
                by=request.user,
                signed_on=form.cleaned_data["signed_on"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The charter date is recorded."))
            return redirect("alliance:review", pk=participation.pk)
    return _review_page(request, participation, DecisionForm(), form, 400)
