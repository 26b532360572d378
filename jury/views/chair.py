"""The pages of the jury's chair and of the secretariat: who is on the jury, progress,
conflicts to decide, reminders, reopening, the ranking proposal and the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle
from accounts.decorators import secretariat_only
from accounts.rules import is_secretariat
from prize import rules as prize_rules
from prize.enums import EditionState
from prize.models import Edition
from web.dates import date_format
from web.errors import error_text

from .. import exports, selectors, services
from ..forms import (
    DecideConflictForm,
    DecisionForm,
    JurorInviteForm,
    ReopenForm,
    ReopenSheetForm,
    ShortlistForm,
)
from ..models import Assignment, Conflict, Decision


def _chair_edition(request, number: int) -> Edition:
    edition = get_object_or_404(Edition, number=number)
    if not selectors.is_chair(edition_id=edition.pk, user=request.user):
        raise Http404
    return edition


@login_required
def deliberation(request, number: int):
    edition = _chair_edition(request, number)
    return render(request, "jury/deliberation.html", _deliberation_context(request, edition))


def _deliberation_context(request, edition: Edition, **extra) -> dict:
    decision = (
        Decision.objects.filter(edition=edition)
        .select_related("recorded_by", "approved_by")
        .prefetch_related("results__entry__authority")
        .first()
    )
    figures = selectors.deliberation(edition=edition)
    return {
        "edition": edition,
        **_shortlist_context(edition, figures),
        # The statements the chair recorded fill the fields again: the decision is
        # recorded anew with whatever the fields hold, so empty fields erased them.
        "recorded_statements": {
            result.entry.ref: result.statement or {} for result in decision.results.all()
        }
        if decision is not None
        else {},
        "show_ranking": edition.state == "deliberation" or is_secretariat(request.user),
        "flags": selectors.conflicts_to_decide(edition=edition, user=request.user),
        "decision": decision,
        "uneven": selectors.uneven_entries(edition=edition)
        if edition.state == EditionState.JUDGING
        else [],
        **figures,
        **extra,
    }


def _shortlist_context(edition: Edition, figures: dict) -> dict:
    """What the page shows of the shortlist, for an edition that uses one: the one
    recorded, and while the first round is deliberated the computed proposal."""
    if not prize_rules.uses_shortlist(edition):
        return {}
    shortlist = selectors.shortlist(edition=edition)
    context = {
        "shortlisting": prize_rules.shortlist_pending(edition),
        "shortlist": shortlist,
        "shortlisted_refs": {e.ref for e in shortlist.entries.all()} if shortlist else set(),
    }
    if context["shortlisting"] and edition.state == EditionState.DELIBERATION:
        rows = figures["rankings"][edition.aggregation]
        proposal = selectors.shortlist_proposal(edition=edition, rows=rows)
        context["proposal"] = proposal["proposal"]
        context["ties_extend"] = proposal["ties_extend"]
        context["shortlist_lines"] = [line for line in figures["table"] if line["row"].place]
    return context


@login_required
@require_POST
def remind(request, number: int):
    edition = _chair_edition(request, number)
    try:
        sent = services.reminders_send(edition_id=edition.pk, by=request.user)
    except PermissionDenied as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Reminders sent: %(n)d.") % {"n": sent})
    return redirect("jury:deliberation", number=number)


@login_required
@require_POST
def decide_conflict(request, number: int, pk: int):
    """Confirm or waive a flagged conflict: posted by the chair or the secretariat from
    the chair's page, or by another juror from their jury page for a conflict of the
    chair. The service decides who may (the chair posting on their own conflict is told
    why not); a juror who may not decide this conflict gets 404 and learns nothing."""
    edition = get_object_or_404(Edition, number=number)
    conflict = get_object_or_404(Conflict, pk=pk, juror__edition=edition)
    chair = selectors.is_chair(edition_id=edition.pk, user=request.user)
    if not chair and not selectors.may_decide_conflict(conflict=conflict, user=request.user):
        raise Http404
    back = redirect("jury:deliberation" if chair else "jury:home", number=number)
    form = DecideConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _decide_form_error(form))
        return back
    try:
        services.conflict_decide(
            conflict_id=conflict.pk,
            by=request.user,
            confirm=form.cleaned_data["decision"] == "confirm",
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return back
    messages.success(request, _("The conflict is decided."))
    if form.cleaned_data["decision"] == "waive" and edition.state == EditionState.DELIBERATION:
        messages.info(
            request,
            _(
                "The scores are locked for the deliberation: the juror gets the entry if the "
                "secretariat reopens the scoring."
            ),
        )
    return back


def _decide_form_error(form) -> str:
    if "reason" in form.errors:
        return _("Write the reason for the decision.")
    return _("Choose whether to confirm or to waive the conflict.")


@login_required
@require_POST
def reopen(request, number: int, pk: int):
    edition = _chair_edition(request, number)
    get_object_or_404(Assignment, pk=pk, juror__edition=edition)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write why the scores are reopened."))
        services.assignment_transition(
            assignment_id=pk, action="reopen", by=request.user, note=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The scores are reopened; the juror can change them."))
    return redirect("jury:deliberation", number=number)


@login_required
@require_POST
def decide(request, number: int):
    """Record the proposal as it is, or with the places the chair typed and a reason.
    A refusal shows the page again (400) with everything the chair typed and why."""
    edition = _chair_edition(request, number)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.decision_record(
            edition_id=edition.pk,
            by=request.user,
            places=form.cleaned_data["places"],
            reason=form.cleaned_data["reason"],
            statements=form.cleaned_data["statements"],
        )
    except (ValidationError, PermissionDenied) as error:
        action = "change" if request.POST.get("action") == "change" else "confirm"
        # What was typed comes back as typed, but for the null characters just refused.
        typed = {key: value.replace("\x00", "") for key, value in request.POST.items()}
        context = _deliberation_context(
            request,
            edition,
            decide_action=action,
            decide_errors=[error_text(error)],
            **{f"{action}_typed": typed},
        )
        return render(request, "jury/deliberation.html", context, status=400)
    messages.success(request, _("The jury's decision is recorded."))
    return redirect("jury:deliberation", number=number)


@login_required
@require_POST
def shortlist(request, number: int):
    """Record the computed shortlist as it is, or the entries the chair ticked with a
    reason. A refusal shows the page again (400) with what was typed and why."""
    edition = _chair_edition(request, number)
    form = ShortlistForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.shortlist_record(
            edition_id=edition.pk,
            by=request.user,
            refs=form.cleaned_data["refs"],
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as error:
        typed = {
            "refs": {ref.replace("\x00", "") for ref in request.POST.getlist("entries")},
            "reason": request.POST.get("reason", "").replace("\x00", ""),
        }
        context = _deliberation_context(
            request,
            edition,
            shortlist_errors=[error_text(error)],
            shortlist_typed=typed,
            shortlist_change=request.POST.get("action") == "change",
        )
        if not (context.get("show_ranking") and "shortlist_lines" in context):
            # No shortlist form on the page now (a tab left open before the final round
            # started, say): say why on the page as it is.
            messages.error(request, error_text(error))
            return redirect("jury:deliberation", number=number)
        return render(request, "jury/deliberation.html", context, status=400)
    messages.success(
        request,
        _(
            "The shortlist is recorded. The secretariat starts the final round from the "
            "edition's page."
        ),
    )
    return redirect("jury:deliberation", number=number)


@login_required
@require_POST
def reopen_sheet(request, number: int):
    """Reopen the sheet of the juror and entry chosen in the chair's one reopen form."""
    edition = _chair_edition(request, number)
    form = ReopenSheetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the juror and the entry, and write why."))
        return redirect("jury:deliberation", number=number)
    sheet = selectors.submitted_sheet(
        edition=edition, juror=form.cleaned_data["juror"], entry=form.cleaned_data["entry"]
    )
    try:
        if sheet is None:
            raise ValidationError(_("That juror has no submitted scores for that entry."))
        services.assignment_transition(
            assignment_id=sheet.pk,
            action="reopen",
            by=request.user,
            note=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The scores are reopened; the juror can change them."))
    return redirect("jury:deliberation", number=number)


@secretariat_only
def jury_admin(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    form = JurorInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                throttle.count(request, action="invite", email=email)
                juror = services.juror_invite(
                    edition_id=edition.pk,
                    by=request.user,
                    **form.cleaned_data,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is invited.") % {"name": juror.name})
            return redirect("jury:secretariat", number=number)
    return render(
        request,
        "jury/secretariat.html",
        {"edition": edition, "form": form, **selectors.deliberation(edition=edition)},
        status=throttle.status(form),
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@secretariat_only
def export(request, number: int, kind: str):
    edition = get_object_or_404(Edition, number=number)
    if kind == "scores.csv":
        rows = selectors.scores_export(edition=edition)
        return _download(
            exports.scores_csv(rows), "text/csv; charset=utf-8", f"scores-{number}.csv"
        )
    if kind == "scores.xlsx":
        rows = selectors.scores_export(edition=edition)
        return _download(exports.scores_xlsx(rows), XLSX, f"scores-{number}.xlsx")
    if kind == "report.pdf":
        pdf = exports.report_pdf(
            title=_("Jury report: %(edition)s") % {"edition": edition.display_name},
            table=selectors.deliberation(edition=edition)["table"],
            decision=getattr(edition, "decision", None),
            generated=_("Generated on %(when)s.")
            % {"when": date_format(timezone.localtime(), "j F Y, H:i")},
        )
        return _download(pdf, "application/pdf", f"jury-report-{number}.pdf")
    raise Http404


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
