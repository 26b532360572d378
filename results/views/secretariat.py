"""The secretariat's pages: editions, their settings and their lifecycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_only
from prize import rules, services
from prize.enums import EditionState
from prize.forms import EditionForm
from prize.models import Edition
from results import services as results_services
from results.confirm_selectors import CONFIRM_ACTIONS
from results.forms import TransitionForm
from web import richtext
from web.access import confirmed, refuse_unconfirmed
from web.errors import add_errors


@secretariat_only
def edition_new(request):
    latest = Edition.objects.order_by("-number").first()
    initial = {"number": (latest.number + 1) if latest else 1}
    form = EditionForm(request.POST or None, initial=initial)
    if "preview" in request.POST:
        return _preview(request, form, edition=None)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            edition = services.edition_create(
                by=request.user, number=form.cleaned_data["number"], **fields
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Edition %(number)d created as a draft.") % {"number": edition.number}
            )
            return redirect("results:secretariat_edition", number=edition.number)
    return render(
        request,
        "results/secretariat/edition_form.html",
        {"form": form, "edition": None},
        status=400 if form.errors else 200,
    )


@secretariat_only
def edition_detail(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    form = EditionForm(
        request.POST or None,
        initial=EditionForm.initial_from(edition),
        editing=True,
        criteria=[(c.code, str(c)) for c in edition.criteria.all()],
        call_open=edition.state == EditionState.OPEN,
        jury_scoring=not rules.before_judging(edition),
    )
    if "preview" in request.POST:
        return _preview(request, form, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(
                edition_id=edition.pk,
                by=request.user,
                deadline_reason=form.deadline_reason_given(),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The edition's settings were saved."))
            return redirect("results:secretariat_edition", number=number)
    return render(
        request,
        "results/secretariat/edition_form.html",
        {
            "form": form,
            "edition": edition,
            "actions": results_services.edition_actions(edition=edition, by=request.user),
            "confirm_actions": CONFIRM_ACTIONS,
            "log": edition.transitions.select_related("by").order_by("-at", "-pk"),
        },
        status=400 if form.errors else 200,
    )


def _preview(request, form, *, edition):
    """The settings page again, nothing saved, with the call shown as visitors will see it."""
    preview = [
        (code, label, request.POST.get(f"call_text_{code}", "")[: richtext.MAX_LENGTH])
        for code, label in (("en", _("English")), ("fr", _("French")))
    ]
    context = {"form": form, "edition": edition, "call_preview": preview}
    if edition is not None:
        context["actions"] = results_services.edition_actions(edition=edition, by=request.user)
        context["confirm_actions"] = CONFIRM_ACTIONS
        context["log"] = edition.transitions.select_related("by").order_by("-at", "-pk")
    return render(request, "results/secretariat/edition_form.html", context)


@require_POST
@secretariat_only
def edition_transition(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("results:secretariat_edition", number=number)
    action = form.cleaned_data["action"]
    if action in CONFIRM_ACTIONS and not confirmed(request):
        return refuse_unconfirmed(
            request, "results:secretariat_edition_confirm", number=number, action=action
        )
    try:
        edition = results_services.edition_transition(
            edition_id=edition.pk,
            action=action,
            by=request.user,
            note=form.cleaned_data["note"],
            confirm_uneven=form.cleaned_data["confirm_uneven"],
            confirmed=confirmed(request),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The edition is now: %(state)s.") % {"state": edition.get_state_display()}
        )
    return redirect("results:secretariat_edition", number=number)
