"""The secretariat's Alliance pages: the requests by state, the review of one with the
answers, the letter, the history and the decisions, and the import of the participants
that joined before the site."""

import base64
import binascii

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_only
from submissions.enums import AuthorityKind
from web.errors import add_errors

from .. import importing, selectors, services
from ..enums import CONDITIONS, REVIEW_ACTIONS, ParticipationState
from ..forms import CharterForm, DecisionForm, ParticipantsConfirmForm, ParticipantsFileForm


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
                        "name": participation.authority.display_name,
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


# --- The import of existing participants -------------------------------------------------


@secretariat_only
def participants_import(request):
    """Upload a CSV file, see what it will do, then confirm (alliance.importing)."""
    if request.method == "POST" and "content" in request.POST:
        return _import_confirm(request)
    posted = request.method == "POST"
    form = ParticipantsFileForm(request.POST if posted else None, request.FILES if posted else None)
    if not posted or not form.is_valid():
        return _import_page(request, form=form, status=400 if form.errors else 200)
    data = form.cleaned_data["file"].read(importing.MAX_BYTES + 1)  # enough to say "too big"
    try:
        plan = importing.participants_import_preview(data=data, by=request.user)
        if plan.problems:
            raise ValidationError(plan.problems)
    except ValidationError as error:
        return _import_page(request, form=form, problems=_refused(error.messages), status=400)
    confirm = ParticipantsConfirmForm(
        initial={"content": base64.b64encode(data).decode(), "digest": plan.digest}
    )
    return _import_page(request, confirm=confirm, plan=plan)


def _import_confirm(request):
    confirm = ParticipantsConfirmForm(request.POST)
    data = _decoded(request.POST.get("content", ""))
    if data is None:
        problem = _("The file did not come back with the confirmation: choose it again.")
        return _import_page(request, problems=[("", problem)], status=400)
    try:
        if not confirm.is_valid():  # the box left unticked: the same preview again
            plan = importing.participants_import_preview(data=data, by=request.user)
            if not plan.problems:
                return _import_page(request, confirm=confirm, plan=plan, status=400)
            raise ValidationError(plan.problems)
        plan = importing.participants_import(
            data=data, by=request.user, expected=confirm.cleaned_data["digest"]
        )
    except ValidationError as error:
        return _preview_again(request, data, problems=_refused(error.messages))
    messages.success(request, _import_summary(plan))
    return redirect("alliance:list")


def _preview_again(request, data: bytes, *, problems):
    """A refused confirmation keeps the file: when it still reads (the site changed since
    the preview, say), the new preview to confirm, under the reason; else the upload."""
    try:
        plan = importing.participants_import_preview(data=data, by=request.user)
    except ValidationError:
        plan = None
    if plan is None or plan.problems:
        return _import_page(request, problems=problems, status=400)
    confirm = ParticipantsConfirmForm(
        initial={"content": base64.b64encode(data).decode(), "digest": plan.digest}
    )
    return _import_page(request, confirm=confirm, plan=plan, problems=problems, status=400)


def _decoded(content: str) -> bytes | None:
    try:
        return base64.b64decode(content, validate=True) or None
    except (binascii.Error, ValueError):
        return None


def _refused(problems: list[str]) -> list[tuple[str, str]]:
    """The error summary's items: how many problems, then each (by line)."""
    heading = ngettext(
        "Nothing was imported: %(count)d problem.",
        "Nothing was imported: %(count)d problems.",
        len(problems),
    ) % {"count": len(problems)}
    return [("", heading), *(("", problem) for problem in problems)]


def _import_summary(plan) -> str:
    return _(
        "Imported: %(created)d new participants, %(joined)d authorities already on the site "
        "now participants, %(updated)d updated, %(unchanged)d unchanged."
    ) % {
        "created": plan.count(importing.CREATE),
        "joined": plan.count(importing.JOIN),
        "updated": plan.count(importing.UPDATE),
        "unchanged": plan.count(importing.UNCHANGED),
    }


def _import_page(request, *, form=None, confirm=None, plan=None, problems=(), status=200):
    return render(
        request,
        "alliance/secretariat/import.html",
        {
            "form": form or ParticipantsFileForm(),
            "problems": problems,
            "confirm": confirm,
            "plan": plan,
            "header": importing.HEADER,
            "kinds": AuthorityKind.choices,
            "summary": plan and _preview_summary(plan),
        },
        status=status,
    )


def _preview_summary(plan) -> list[str]:
    """One sentence per kind of change the file makes (none for a kind it does not)."""
    count = {action: plan.count(action) for action in importing.ACTIONS}
    sentences = [
        (
            importing.CREATE,
            ngettext(
                "%(count)d new authority, verified, becomes a participant.",
                "%(count)d new authorities, verified, become participants.",
                count[importing.CREATE],
            ),
        ),
        (
            importing.JOIN,
            ngettext(
                "%(count)d authority already on the site becomes a participant.",
                "%(count)d authorities already on the site become participants.",
                count[importing.JOIN],
            ),
        ),
        (
            importing.UPDATE,
            ngettext(
                "%(count)d participant is updated.",
                "%(count)d participants are updated.",
                count[importing.UPDATE],
            ),
        ),
        (
            importing.UNCHANGED,
            ngettext(
                "%(count)d participant is already as the file says.",
                "%(count)d participants are already as the file says.",
                count[importing.UNCHANGED],
            ),
        ),
    ]
    return [text % {"count": count[action]} for action, text in sentences if count[action]]
