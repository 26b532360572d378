"""An authority's entry: the draft form, the read-only view, submit and withdraw.

The edit form carries the text, one new photo, one new attachment and every button, so
whatever button is pressed, what was typed is saved first and never lost."""

import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.rules import is_secretariat
from web.errors import add_errors, error_text

from .. import selectors, services
from ..documents import receipt_for
from ..enums import EntryState
from ..forms import EntryActionForm, EntryForm
from ..models import Entry
from ..rules import can_view_entry, deadline_text

STASH = "entry-stash:"
# The hidden field of the entry form that proves it was rendered for a logged-in person:
# their id and the form's address, signed. Only a POST that carries it may leave the form
# in the new session of a person whose session expired; any other anonymous POST stores
# nothing at all (no session row, no message).
STASH_MARKER = "resume"
STASH_SALT = "submissions.entry-stash"
# What such a session may hold: one form per address, at most this many bytes (UTF-8
# JSON) in all, the oldest dropped first. An entry form's fields hold ~90,000 characters.
STASH_MAX_BYTES = 256 * 1024


def stash_marker(request) -> str:
    """The signed marker of the form rendered now for the logged-in person."""
    return signing.dumps({"u": request.user.pk, "p": request.path}, salt=STASH_SALT)


def _marker_user(request) -> int | None:
    """Whose form this POST comes from: the id in a valid marker made for this address,
    within the life of a session; None for any other POST."""
    try:
        data = signing.loads(
            request.POST.get(STASH_MARKER, ""),
            salt=STASH_SALT,
            max_age=settings.SESSION_COOKIE_AGE,
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != request.path:
        return None
    return data.get("u")


def _entry_or_404(request, ref: str) -> Entry:
    try:
        entry = selectors.entry_for(ref=ref)
    except Entry.DoesNotExist:
        raise Http404 from None
    if not can_view_entry(entry, request.user):
        raise Http404
    return entry


def keep_typing(view):
    """login_required that loses nothing: a POST from a logged-in person's form that
    arrives after their session expired is kept in the new session, and the form is
    filled with it again once the same person logs in."""

    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST" and _stash(request):
            messages.info(
                request,
                _(
                    "Your session had expired. Log in again: what you typed is kept and will "
                    "be put back in the form (files must be chosen again)."
                ),
            )
        return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    return wrapped


def _stash(request) -> bool:
    """Keep the posted form for after login, if it carries a valid marker: one per
    address, and at most STASH_MAX_BYTES in the session, the oldest dropped first."""
    user_id = _marker_user(request)
    if user_id is None:
        return False
    skip = {"csrfmiddlewaretoken", STASH_MARKER}
    data = {k: v for k, v in request.POST.lists() if k not in skip}
    size = len(json.dumps(data, ensure_ascii=False).encode())
    if size > STASH_MAX_BYTES:
        return False
    session = request.session
    # A session has keys() but no __iter__.
    others = [k for k in list(session.keys()) if k.startswith(STASH)]  # noqa: SIM118
    for key in others:  # this address's own, and any of an older form, go
        if key == STASH + request.path or "at" not in session[key]:
            del session[key]
    kept = sorted((session[key]["at"], key) for key in others if key in session)
    total = size + sum(session[key]["size"] for _at, key in kept)
    for _at, key in kept:
        if total <= STASH_MAX_BYTES:
            break
        total -= session.pop(key)["size"]
    session[STASH + request.path] = {"u": user_id, "at": time.time(), "size": size, "data": data}
    return True


def _unstash(request) -> dict | None:
    """The form kept for this address before this person logged in, if it was theirs."""
    stash = request.session.pop(STASH + request.path, None)
    if isinstance(stash, dict) and stash.get("u") == request.user.pk:
        return stash["data"]
    return None


def entry_detail(request, ref: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entry = _entry_or_404(request, ref)
    return render(
        request,
        "submissions/entry.html",
        {
            "entry": entry,
            "timeline": selectors.timeline(entry=entry, internal=is_secretariat(request.user)),
            "actions": services.entry_actions(entry=entry, by=request.user),
            "deadline": _deadline(entry),
            "action_form": EntryActionForm(),
        },
    )


def _deadline(entry: Entry) -> str:
    moment = entry.edition.submission_deadline
    return deadline_text(moment) if moment else ""


@keep_typing
def entry_edit(request, ref: str):
    entry = _entry_or_404(request, ref)
    if not entry.is_editable:
        messages.info(
            request,
            _("This entry is “%(state)s”: it can no longer be changed.")
            % {"state": entry.get_state_display()},
        )
        return redirect(entry)
    if request.method == "POST":
        return _entry_post(request, entry)
    stash = _unstash(request)
    if stash:
        form = EntryForm(_as_querydict(stash), entry=entry)
        messages.warning(
            request, _("What you typed before logging in is back in the form. Save it.")
        )
    else:
        form = EntryForm(initial=EntryForm.initial_for(entry), entry=entry)
    return _render_edit(request, entry, form)


def entry_edit_again(request, notice: str, ref: str):
    """The entry form after a refused CSRF check (web.errors.csrf_failure): as
    it was posted, with the notice and a fresh token, so one more Save keeps the text.
    None (the generic page) when this person may no longer edit the entry."""
    try:
        entry = _entry_or_404(request, ref)
    except Http404:
        return None
    if not entry.is_editable:
        return None
    messages.warning(request, notice)
    return _render_edit(request, entry, EntryForm(request.POST, entry=entry), status=403)


entry_edit.csrf_redisplay = entry_edit_again


def _as_querydict(data: dict) -> QueryDict:
    result = QueryDict(mutable=True)
    for key, values in data.items():
        result.setlist(key, values)
    return result


def _render_edit(request, entry, form, *, problems=(), status=200):
    entry = selectors.entry_for(ref=entry.ref)  # the photos as they are now
    missing = services.entry_submit_missing(entry)
    context = {
        "entry": entry,
        "form": form,
        "problems": [(_anchor(form, where), message) for where, message in problems],
        "missing": [(_anchor(form, where), message) for where, message in missing],
        "deadline": _deadline(entry),
        "resume": stash_marker(request),
    }
    return render(request, "submissions/entry_form.html", context, status=status)


def _anchor(form, where: str) -> str:
    """The element id a problem's link points to: the field's input, else the section."""
    return form[where].id_for_label if where in form.fields else where


def _entry_post(request, entry: Entry):
    form = EntryForm(request.POST, request.FILES, entry=entry)
    if not form.is_valid():
        message = _("Nothing was saved: correct the fields marked below, then save again.")
        if request.FILES:
            message += " " + _("Choose the file again too.")
        messages.error(request, message)
        return _render_edit(request, entry, form, status=400)
    try:
        entry = services.entry_update(
            entry_id=entry.pk,
            by=request.user,
            version=form.cleaned_data["version"],
            **form.entry_fields(),
        )
    except ValidationError as error:
        return _refused(request, entry, form, error)
    return _after_save(request, entry, form)


def _refused(request, entry, form, error: ValidationError):
    """A refused save keeps the form as typed. After a colleague's save, the form takes
    their version number, so saving again deliberately keeps this person's text."""
    current = Entry.objects.get(pk=entry.pk)
    data = request.POST.copy()
    data["version"] = current.version
    form = EntryForm(data, entry=current)
    form.is_valid()
    add_errors(form, error)
    status = 409 if getattr(error, "code", None) == "conflict" else 400
    return _render_edit(request, current, form, status=status)


def _after_save(request, entry: Entry, form: EntryForm):
    """The text is saved; now the photo edits, the new files and the pressed button."""
    failed = _photo_edits(request, entry, form) + _new_files(request, entry, form)
    action = request.POST.get("action", "save")
    failed += _remove(request, entry, action)
    photo_added = form.cleaned_data.get("photo") and not any(
        (field or "").startswith("photo") for field, _message in failed
    )
    fresh = _fresh_form(request, entry, clear_new_photo=photo_added)
    for field, error in failed:
        fresh.add_error(field, error)
    if failed:
        messages.warning(
            request, _("Your text is saved, but some changes were not made: see below.")
        )
        return _render_edit(request, entry, fresh, status=400)
    if action == "submit":
        return _submit(request, entry, fresh)
    messages.success(request, _("Draft saved."))
    return redirect("submissions:entry_edit", ref=entry.ref)


def _fresh_form(request, entry, *, clear_new_photo: bool):
    """The form again, as typed, but with the saved version and the current photos."""
    data = request.POST.copy()
    data["version"] = entry.version
    if clear_new_photo:  # it was added: its fields now belong to the photo's own row
        for key in ("photo_caption", "photo_credit", "photo_alt", "photo_people"):
            data.pop(key, None)
    fresh = EntryForm(data, entry=Entry.objects.get(pk=entry.pk))
    fresh.is_valid()
    return fresh


def _photo_edits(request, entry, form) -> list:
    failed = []
    for n, (pk, values) in enumerate(form.photo_edits().items(), start=1):
        try:
            services.photo_update(photo_id=pk, by=request.user, **values)
        except ValidationError as error:
            for message in error.messages:
                failed.append((None, _("Photo %(n)d: %(error)s") % {"n": n, "error": message}))
    return failed


def _new_files(request, entry, form) -> list:
    failed = []
    if form.cleaned_data.get("photo"):
        try:
            services.photo_add(
                entry_id=entry.pk,
                by=request.user,
                upload=form.cleaned_data["photo"],
                **form.new_photo(),
            )
        except ValidationError as error:
            failed += _field_errors(error, prefix="photo_", default="photo")
    if form.cleaned_data.get("attachment"):
        try:
            services.attachment_add(
                entry_id=entry.pk, by=request.user, upload=form.cleaned_data["attachment"]
            )
        except ValidationError as error:
            failed += _field_errors(error, prefix="", default="attachment")
    return failed


def _field_errors(error: ValidationError, *, prefix: str, default: str) -> list:
    if not hasattr(error, "error_dict"):
        return [(default, message) for message in error.messages]
    return [
        (default if field == "file" else prefix + field, message)
        for field, errors in error.error_dict.items()
        for message in ValidationError(errors).messages
    ]


def _remove(request, entry, action: str) -> list:
    kind, _sep, pk = action.partition(":")
    if kind not in ("remove_photo", "remove_attachment") or not pk.isdigit():
        return []
    remove = services.photo_remove if kind == "remove_photo" else services.attachment_remove
    key = "photo_id" if kind == "remove_photo" else "attachment_id"
    try:
        remove(by=request.user, **{key: int(pk)})
    except (ValidationError, PermissionDenied) as error:
        return [(None, error_text(error))]
    except ObjectDoesNotExist:  # already removed (in another tab): nothing left to do
        pass
    return []


def _submit(request, entry: Entry, form):
    try:
        services.entry_transition(
            entry_id=entry.pk,
            action="submit",
            by=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _("Your draft is saved, but it was not submitted yet."))
        sections = _submit_errors(form, error)
        return _render_edit(request, entry, form, problems=sections, status=400)
    messages.success(
        request,
        _("Your entry is submitted. A confirmation with a PDF receipt is on its way by e-mail."),
    )
    return redirect("submissions:entry", ref=entry.ref)


def _submit_errors(form, error) -> list[tuple[str, str]]:
    """Put a refused submit's problems on the fields they name; return the rest, those
    that name a section of the page (the photos), as (section id, message)."""
    if not hasattr(error, "error_dict"):
        add_errors(form, error)
        return []
    sections = []
    for where, errors in error.message_dict.items():
        if where in form.fields or where == NON_FIELD_ERRORS:
            form.add_error(None if where == NON_FIELD_ERRORS else where, errors)
        else:
            sections += [(where, message) for message in errors]
    return sections


@require_POST
def entry_withdraw(request, ref: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entry = _entry_or_404(request, ref)
    form = EntryActionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.entry_transition(
            entry_id=entry.pk,
            action="withdraw",
            by=request.user,
            note=note,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The entry is withdrawn."))
    return redirect(entry)


def entry_receipt(request, ref: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    entry = _entry_or_404(request, ref)
    if entry.submitted_at is None or entry.state == EntryState.DRAFT:
        raise Http404
    pdf = receipt_for(entry, language=request.LANGUAGE_CODE)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{entry.ref}.pdf"'
    return response
