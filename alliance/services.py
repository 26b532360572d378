"""Every write about the Alliance: requests to join, the secretariat's decisions, the
charter date and the profiles. The only way a participation's state changes."""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition

from accounts.rules import is_secretariat
from submissions.files import clean_filename, pdf_check
from submissions.models import Authority
from submissions.services.files import STORAGE_ERRORS, files_delete_quietly, storage_down_error
from web.transliteration import ascii_slug, with_suffix

from . import rules
from .enums import PROFILE_PARTS, ParticipationState
from .mails import MAILS
from .models import Participation, ParticipationTransition, Profile
from .tasks import participation_mail

log = logging.getLogger(__name__)
S = ParticipationState
ANSWER_FIELDS = ("commitment", "activities", "dialogue")
OPTIONAL_FIELDS = ("contact_name", "contact_email", "languages")
PROFILE_FIELDS = ("language", *(code for code, _label in PROFILE_PARTS))


def _unique_slug(name: str) -> str:
    base = ascii_slug(name, default="authority")
    n = 1
    while Participation.objects.filter(slug=with_suffix(base, n)).exists():
        n += 1
    return with_suffix(base, n)


def participation_request(
    *,
    authority_id: int,
    by,
    commitment: str,
    activities: str,
    dialogue: str,
    letter=None,
    contact_name: str = "",
    contact_email: str = "",
    languages: str = "",
) -> Participation:
    """Ask to join the Alliance, answer the secretariat's request for information, or
    ask again after a decline or an end. The answers to the three conditions and (except
    when answering a request for information) the commitment letter are required.

    Side effects: the participation (created the first time, with its public address),
    the letter stored privately (a replaced one is deleted after commit), one log row.
    A refusal changes nothing and stores no file."""
    authority = Authority.objects.get(pk=authority_id)
    if authority.pk not in rules.member_authority_ids(by):
        raise PermissionDenied(_("Only the authority's members can ask to join the Alliance."))
    fields = {
        "commitment": commitment.strip(),
        "activities": activities.strip(),
        "dialogue": dialogue.strip(),
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
        "languages": languages.strip(),
    }
    problems: dict[str, list[str]] = {k: [v] for k, v in rules.answer_problems(fields).items()}
    if letter is not None:
        try:
            pdf_check(letter)  # by its content, before any lock is taken
        except ValidationError as error:
            problems["letter"] = error.messages
    with transaction.atomic():
        # The authority's row serialises two first requests made at the same moment.
        Authority.objects.select_for_update().get(pk=authority.pk)
        participation = (
            Participation.objects.select_for_update().filter(authority=authority).first()
        )
        if refusal := rules.request_problems(participation):
            raise ValidationError(refusal)
        answering = participation is not None and participation.state == S.INFO_REQUESTED
        if letter is None and not answering:
            problems["letter"] = [_("Attach the commitment letter (PDF).")]
        if problems:
            raise ValidationError(problems)
        return _save_request(participation, authority, fields, letter, by=by)


def _save_request(participation, authority, fields, letter, *, by) -> Participation:
    new = participation is None
    if new:
        participation = Participation(authority=authority, slug=_unique_slug(authority.name))
    for field, value in fields.items():
        setattr(participation, field, value)
    participation.full_clean(exclude=["letter", "letter_name", "slug", "authority", "state"])
    replaced = participation.letter.name if (letter is not None and not new) else ""
    if letter is not None:
        _store_letter(participation, letter)
    try:
        if new:
            participation.save()
            _log(participation, action="request", source="", by=by)
        else:
            action = "resubmit" if participation.state == S.INFO_REQUESTED else "request_again"
            _step(participation, action=action, by=by, note="")
    except BaseException:
        if letter is not None:
            files_delete_quietly([participation.letter])
        raise
    if replaced:
        storage = participation.letter.storage
        transaction.on_commit(lambda: _delete_name(storage, replaced))
    return participation


def _store_letter(participation: Participation, upload) -> None:
    upload.seek(0)
    try:
        participation.letter.save("letter.pdf", ContentFile(upload.read()), save=False)
    except STORAGE_ERRORS as error:
        raise storage_down_error(error) from error
    participation.letter_name = clean_filename(upload.name, default="letter.pdf")


def _delete_name(storage, name: str) -> None:
    try:
        storage.delete(name)
    except STORAGE_ERRORS as error:  # an orphan file is harmless; a lost row is not
        log.warning("could not delete %s: %s", name, error)


# --- Steps -------------------------------------------------------------------------------

# A step that finds the participation where it would lead was already taken.
ALREADY = {
    "accept": (S.ACCEPTED, gettext_lazy("This authority was already accepted.")),
    "request_info": (S.INFO_REQUESTED, gettext_lazy("More information was already asked for.")),
    "decline": (S.DECLINED, gettext_lazy("This request was already declined.")),
    "end": (S.ENDED, gettext_lazy("This participation has already ended.")),
}


def participation_transition(
    *, participation_id: int, action: str, by, note: str = ""
) -> Participation:
    """Take one step of a participation's lifecycle (the secretariat: accept, request
    information, decline, end; the members: send again). A reason is required for a
    request for information, a decline and an end.

    Side effects: the participation, one log row, new public pages (the counter), and
    (after commit) the e-mail to every member of the authority, in their language, with
    the reason."""
    with transaction.atomic():
        participation = (
            Participation.objects.select_for_update(of=("self",))
            .select_related("authority")
            .get(pk=participation_id)
        )
        _step(participation, action=action, by=by, note=note.strip())
    return participation


def _step(participation: Participation, *, action: str, by, note: str):
    transition = _available(participation, action, by)
    if problems := rules.step_problems(participation, action, note=note):
        raise ValidationError(problems)
    now = timezone.now()
    source = participation.state
    getattr(participation, transition.name)(note=note, at=now)
    try:
        participation.save()
    except ConcurrentTransition:
        raise ValidationError(_("Someone changed this request in the meantime.")) from None
    entry = _log(participation, action=action, source=source, by=by, note=note, at=now)
    if action in MAILS:
        transaction.on_commit(lambda: participation_mail.enqueue(entry.pk))
    return entry


def _available(participation: Participation, action: str, by):
    if not (rules.is_member(participation, by) or is_secretariat(by)):
        raise PermissionDenied(
            _("Only the authority's members and the secretariat can take this step.")
        )
    available = {t.name: t for t in participation.get_available_state_transitions()}
    if action not in available:
        state, message = ALREADY.get(action, (None, None))
        if participation.state != state:
            message = _("That is not possible while the request is “%(state)s”.") % {
                "state": participation.get_state_display()
            }
        raise ValidationError(message)
    if not available[action].has_perm(participation, by):
        raise PermissionDenied(_("You cannot take this step on this request."))
    return available[action]


def _log(participation, *, action: str, source: str, by, note: str = "", at=None):
    return ParticipationTransition.objects.create(
        participation=participation,
        action=action,
        source=source,
        target=participation.state,
        by=by,
        note=note,
        at=at or timezone.now(),
    )


def participation_register(
    *, authority_id: int, by, accepted_on: date, charter_signed_on: date | None = None
) -> Participation:
    """Record a participant that joined before this site existed (the Alliance has taken
    members since 2013): accepted from `accepted_on`, with no request to review.

    Side effects: an accepted participation with its public address, one log row; the
    public pages are renewed (the counter) by results/signals.py."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat records existing participants."))
    with transaction.atomic():
        authority = Authority.objects.select_for_update().get(pk=authority_id)
        if Participation.objects.filter(authority=authority).exists():
            raise ValidationError(
                _("%(name)s already has an Alliance record.") % {"name": authority.display_name}
            )
        today = timezone.localdate()
        if accepted_on > today or (charter_signed_on and charter_signed_on > today):
            raise ValidationError(_("The dates cannot be after today."))
        participation = Participation(
            authority=authority,
            slug=_unique_slug(authority.name),
            state=S.ACCEPTED,
            accepted_on=accepted_on,
            charter_signed_on=charter_signed_on,
        )
        participation.save()
        _log(participation, action="register", source="", by=by)
    return participation


def participation_since_record(*, participation_id: int, by, accepted_on: date) -> Participation:
    """Correct the day a participant joined (the secretariat's list of participants says
    otherwise). Only for a current participant; not after today.

    Side effects: accepted_on, one log row (the old and new dates); the public pages are
    renewed by results/signals.py."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat records when a participant joined."))
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(pk=participation_id)
        if participation.state != S.ACCEPTED:
            raise ValidationError(_("Only a current participant has a date it joined."))
        if accepted_on > timezone.localdate():
            raise ValidationError(_("The dates cannot be after today."))
        old = participation.accepted_on
        participation.accepted_on = accepted_on
        participation.save(update_fields=["accepted_on"])
        note = f"{old.isoformat() if old else '—'} → {accepted_on.isoformat()}"
        _log(participation, action="since", source=participation.state, by=by, note=note)
    return participation


def participation_charter_record(*, participation_id: int, by, signed_on: date | None):
    """Record the day the participant signed the Alliance charter (the secretariat).
    Side effects: charter_signed_on, one log row."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat records the charter signature."))
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(pk=participation_id)
        today = timezone.localdate()
        if problems := rules.charter_problems(participation, signed_on, today=today):
            raise ValidationError({"signed_on": problems})
        participation.charter_signed_on = signed_on
        participation.save(update_fields=["charter_signed_on"])
        _log(
            participation,
            action="charter",
            source=participation.state,
            by=by,
            note=signed_on.isoformat(),
        )
    return participation


# --- Profiles ----------------------------------------------------------------------------


def profile_update(*, authority_id: int, by, **fields) -> Profile:
    """Write the authority's public profile; every part is optional and can be changed
    at any time by its members (or the secretariat). Side effects: the profile row."""
    if not rules.can_manage(authority_id, by):
        raise PermissionDenied(_("Only the authority's members can change its profile."))
    with transaction.atomic():
        authority = Authority.objects.select_for_update().get(pk=authority_id)
        profile = Profile.objects.filter(authority=authority).first() or Profile(
            authority=authority
        )
        for field, value in fields.items():
            if field not in PROFILE_FIELDS:
                raise ValueError(field)
            setattr(profile, field, value.strip())
        profile.updated_at = timezone.now()
        profile.updated_by = by
        profile.full_clean(exclude=["authority"])
        profile.save()
    return profile
