"""The jurors' pages: the terms, their entries with progress, and the scoring form next
to the application. A juror sees only their own scores and never a conflicted entry."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from prize.enums import EDITION_JURY_STATES
from submissions.models import Attachment, Photo
from submissions.selectors import entry_for
from web.errors import add_errors, error_text
from web.files import PDF, SIZES, serve, serve_photo

from .. import ranking, selectors, services
from ..enums import JurorRole
from ..forms import ConflictForm, ScoreForm
from ..models import Assignment, Juror


def _seat(request, number: int) -> Juror:
    juror = (
        Juror.objects.filter(edition__number=number, user=request.user)
        .select_related("edition")
        .first()
    )
    if juror is None:
        raise Http404
    return juror


def _assignment(juror: Juror, ref: str) -> Assignment:
    """A missing assignment or a conflict is a 404, so a conflicted juror cannot even
    learn what the entry contains."""
    assignment = selectors.juror_assignment(juror=juror, ref=ref)
    if assignment is None:
        raise Http404
    return assignment


@login_required
def seats(request):
    jurors = Juror.objects.filter(user=request.user).select_related("edition")
    if len(jurors) == 1:
        return redirect("jury:home", number=jurors[0].edition.number)
    return render(request, "jury/seats.html", {"jurors": jurors})


@login_required
def home(request, number: int):
    juror = _seat(request, number)
    if request.method == "POST" and request.POST.get("accept") == "terms":
        services.juror_accept_terms(juror_id=juror.pk, by=request.user)
        messages.success(request, _("Thank you. You can now read and score the entries."))
        return redirect("jury:home", number=number)
    rows = selectors.juror_progress(juror=juror)
    return render(
        request,
        "jury/home.html",
        {
            "juror": juror,
            "edition": juror.edition,
            "scoring_open": juror.edition.state in EDITION_JURY_STATES,
            "rows": rows,
            "sheets": selectors.sheet_counts(rows),
            "flags": _flags_to_decide(request, juror),
        },
    )


def _flags_to_decide(request, juror: Juror) -> list:
    """The conflicts of the chair that this juror may decide (after the terms: they
    name entries). The chair decides the others on their own page."""
    if juror.terms_accepted_at is None or juror.role == JurorRole.CHAIR:
        return []
    flags = selectors.conflicts_to_decide(edition=juror.edition, user=request.user)
    return [flag for flag in flags if flag.decidable]


@login_required
def entry(request, number: int, ref: str):
    juror = _seat(request, number)
    assignment = _assignment(juror, ref)
    edition = assignment.entry.edition
    criteria = list(edition.criteria.all())
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        step=edition.score_step,
        initial=ScoreForm.initial_for(assignment),
    )
    if request.method == "POST":
        response = _save(request, assignment, form)
        if response:
            return response
    separator = get_format("DECIMAL_SEPARATOR")
    return render(
        request,
        "jury/entry.html",
        {
            "juror": juror,
            "assignment": assignment,
            "entry": entry_for(ref=ref),
            "form": form,
            "total": _total(assignment, criteria).replace(".", separator),
            "decimal_separator": separator,
            "unsaved": _unsaved(form) if form.errors else "",
            "conflict_form": ConflictForm(),
        },
        status=400 if form.errors else 200,
    )


def _save_draft(request, assignment, form) -> None:
    """Save every valid field and put the refused ones' sentences on the form."""
    saved = services.scores_save(assignment_id=assignment.pk, by=request.user, **form.typed())
    form.add_refusals(saved)


def _save(request, assignment, form):
    """The draft first, field by field, so a refused field or submit keeps the rest of
    what was typed; the page then shows every typed value, the refused ones marked."""
    submit = request.POST.get("action") == "submit"
    try:
        _save_draft(request, assignment, form)
        if form.errors:
            if submit:
                form.add_error(None, _("Nothing is submitted yet: correct the fields marked."))
            return None
        if submit:
            services.assignment_transition(
                assignment_id=assignment.pk, action="submit", by=request.user
            )
            messages.success(request, _("Your scores are submitted. Thank you."))
            return redirect("jury:home", number=assignment.entry.edition.number)
    except (ValidationError, PermissionDenied) as error:
        add_errors(form, error)
        return None
    messages.success(request, _("Draft saved."))
    return redirect("jury:entry", number=assignment.entry.edition.number, ref=assignment.entry.ref)


def _unsaved(form) -> str:
    """The status line of a sheet with refused fields: how many, and which."""
    names = form.unsaved()
    return ngettext(
        "%(count)d value not saved: %(names)s.",
        "%(count)d values not saved: %(names)s.",
        len(names),
    ) % {"count": len(names), "names": ", ".join(names)}


def _total(assignment, criteria) -> str:
    """The weighted total of the saved scores (read again: a save may just have changed
    them), or "" while a criterion has no score."""
    values = dict(
        assignment.scores.filter(value__isnull=False).values_list("criterion__code", "value")
    )
    if len(values) < len(criteria):
        return ""
    plain = [ranking.Criterion(c.code, c.weight, c.max_score) for c in criteria]
    return f"{ranking.juror_total(values, plain).quantize(Decimal('0.01'))}"


@login_required
@require_POST
def autosave(request, number: int, ref: str):
    """The scoring page's background save (static/js/scoring.js): JSON in and out. Saves
    every valid field; names each refused one with its sentence (400)."""
    juror = _seat(request, number)
    assignment = _assignment(juror, ref)
    edition = assignment.entry.edition
    criteria = list(edition.criteria.all())
    form = ScoreForm(request.POST, criteria=criteria, step=edition.score_step)
    try:
        _save_draft(request, assignment, form)
    except (ValidationError, PermissionDenied) as error:
        text = error_text(error)
        return JsonResponse(
            {"saved": False, "error": text, "errors": {}, "status": text}, status=400
        )
    errors = {name: " ".join(texts) for name, texts in form.errors.items()}
    return JsonResponse(
        {
            "saved": not errors,
            "total": _total(assignment, criteria),
            "errors": errors,
            "status": _unsaved(form) if errors else "",
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def conflict(request, number: int, ref: str):
    juror = _seat(request, number)
    assignment = get_object_or_404(
        Assignment, juror=juror, entry__ref=ref, round=juror.edition.jury_round
    )
    form = ConflictForm(request.POST)
    if form.is_valid():
        services.conflict_declare(
            juror_id=juror.pk,
            entry_id=assignment.entry_id,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Your conflict is recorded; the entry is no longer yours."))
    else:
        messages.error(request, _("Say briefly why (it stays within the jury)."))
    return redirect("jury:home", number=number)


@login_required
def photo_file(request, number: int, pk: int, size: str):
    photo = Photo.objects.select_related("entry").filter(pk=pk).first()
    if photo is None or size not in SIZES:
        raise Http404
    _assignment(_seat(request, number), photo.entry.ref)
    return serve_photo(photo, size, public=False)


@login_required
def attachment_file(request, number: int, pk: int):
    attachment = Attachment.objects.select_related("entry").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    _assignment(_seat(request, number), attachment.entry.ref)
    return serve(attachment.file, content_type=PDF, public=False, filename=attachment.name)
