"""Every write about entries: drafts, and the one way to change an entry's state."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition

from accounts.rules import is_secretariat
from prize.enums import EditionState
from prize.models import Edition
from prize.texts import pick
from web.transliteration import ascii_slug

from .. import rules, selectors
from ..enums import EntryState
from ..models import Authority, Entry, EntryTransition
from ..tasks import entry_mail

ENTRY_FIELDS = (
    "language",
    "title",
    "summary",
    "description",
    "project_start",
    "project_end",
    "budget",
    "funding",
    "partners",
    "participation",
    "results",
    "statements",
    "consent_publication",
)


def _unique_ref(authority: Authority, edition: Edition) -> str:
    base = ascii_slug(authority.name, default="entry", max_length=60) + f"-{edition.year}"
    ref, n = base, 1
    while Entry.objects.filter(ref=ref).exists():
        n += 1
        ref = f"{base}-{n}"
    return ref


def entry_create(*, by, authority_id: int, edition_id: int) -> Entry:
    """Start a draft entry of an authority for an open edition.

    Side effects: one entry and one "created" log row. One entry per authority and
    edition (a withdrawn one does not count)."""
    authority = Authority.objects.get(pk=authority_id)
    if authority.pk not in rules.member_authority_ids(by):
        raise PermissionDenied(_("Only the authority's members can create its entries."))
    with transaction.atomic():
        edition = Edition.objects.select_for_update().filter(pk=edition_id).first()
        if edition is None:
            raise ValidationError(_("There is no such edition."))
        if edition.state != EditionState.OPEN:
            raise ValidationError(_("The call for entries of this edition is not open."))
        if selectors.standing_entry(authority_id=authority.pk, edition_id=edition.pk):
            raise ValidationError(
                _("%(name)s already has an entry in this edition.")
                % {"name": authority.display_name}
            )
        entry = Entry.objects.create(
            edition=edition,
            authority=authority,
            ref=_unique_ref(authority, edition),
            language=getattr(by, "language", "en"),
            updated_by=by,
        )
        EntryTransition.objects.create(entry=entry, action="create", target=entry.state, by=by)
    return entry


def entry_update(*, entry_id: int, by, version: int, **fields) -> Entry:
    """Save a draft. Nothing is required; what is given is checked for form.

    `version` is the one the person started editing from: if a colleague saved in
    between, the save is refused with who and when, rather than silently overwriting.
    Side effects: the entry's fields, version + 1."""
    with transaction.atomic():
        entry = Entry.objects.select_for_update().select_related("edition").get(pk=entry_id)
        _check_can_edit(entry, by)
        if entry.version != version:
            raise ValidationError(_conflict_message(entry), code="conflict")
        for field, value in fields.items():
            if field not in ENTRY_FIELDS:
                raise ValueError(field)
            setattr(entry, field, value)
        entry.full_clean(exclude=["state", "ref"])
        entry.version += 1
        entry.updated_at = timezone.now()
        entry.updated_by = by
        entry.save()
    return entry


def _check_can_edit(entry: Entry, by) -> None:
    if not rules.is_member(entry, by):
        raise PermissionDenied(_("Only the authority's members can change its entries."))
    if not entry.is_editable:
        raise ValidationError(
            _("This entry is “%(state)s” and can no longer be changed.")
            % {"state": entry.get_state_display()},
            code="locked",
        )


def _conflict_message(entry: Entry) -> str:
    who = entry.updated_by.get_full_name() if entry.updated_by else _("A colleague")
    return _(
        "%(who)s saved this entry at %(time)s, after you opened it. Your text is still in "
        "the form and was not saved: compare it with theirs, then save again to keep yours."
    ) % {"who": who, "time": timezone.localtime(entry.updated_at).strftime("%H:%M")}


def submit_facts(entry: Entry, now) -> rules.SubmitFacts:
    photos = list(entry.photos.all())
    incomplete = [
        p
        for p in photos
        if not (pick(p.caption) and pick(p.alt) and p.credit.strip() and p.people_cleared)
    ]
    criteria = tuple((c.code, str(c)) for c in entry.edition.criteria.all())
    return rules.SubmitFacts(
        photos=len(photos), photos_incomplete=len(incomplete), criteria=criteria, now=now
    )


def entry_submit_missing(entry: Entry, *, now=None) -> list[tuple[str, str]]:
    """What this entry still needs before it can be submitted, as (where, message): the
    page's checklist and the refusal of a submit read the same rules."""
    return rules.submit_missing(entry, submit_facts(entry, now or timezone.now()))


def _missing_error(missing: list[tuple[str, str]]) -> ValidationError:
    """Each message keyed by the field or section that puts it right, so a form can mark
    the field and its error summary can link to it."""
    errors: dict[str, list[str]] = {}
    for where, message in missing:
        errors.setdefault(where or NON_FIELD_ERRORS, []).append(message)
    return ValidationError(errors)


def entry_problems(entry: Entry, action: str, *, now, note="", checklist=None, reply_by=None):
    if action == "submit":
        return rules.submit_problems(entry, submit_facts(entry, now))
    if action == "withdraw":
        return rules.withdraw_problems(entry)
    return rules.screening_problems(
        entry, action, note=note, checklist=checklist or {}, reply_by=reply_by, now=now
    )


def entry_actions(*, entry: Entry, by) -> list[dict]:
    """The transitions `by` may take now, each with the reasons it is refused."""
    now = timezone.now()
    return [
        {
            "name": t.name,
            "label": t.custom.get("label", t.name),
            "problems": entry_problems(entry, t.name, now=now)
            if t.name in ("submit", "withdraw")
            else [],
        }
        for t in entry.get_available_user_state_transitions(by)
        if t.name not in rules.RESULT_ACTIONS
    ]


# A step that finds the entry where it would lead was already taken (a double click).
ALREADY = {
    "submit": (EntryState.SUBMITTED, gettext_lazy("This entry was already submitted.")),
    "withdraw": (EntryState.WITHDRAWN, gettext_lazy("This entry was already withdrawn.")),
}


def entry_transition(
    *,
    entry_id: int,
    action: str,
    by,
    note: str = "",
    internal_note: str = "",
    checklist: dict | None = None,
    reply_by=None,
) -> Entry:
    """Move an entry through its lifecycle: the only way its state changes.

    Re-reads the entry under a row lock, checks permission and conditions, takes the
    step, and logs it in the same transaction. Side effects: the entry, one
    EntryTransition row, and (after commit) the e-mail that goes with the step.
    """
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("edition", "authority")
            .get(pk=entry_id)
        )
        transition = _available(entry, action, by)
        now = timezone.now()
        if action == "submit" and (missing := entry_submit_missing(entry, now=now)):
            raise _missing_error(missing)
        problems = entry_problems(
            entry, action, now=now, note=note, checklist=checklist, reply_by=reply_by
        )
        if problems:
            raise ValidationError(problems)
        source = entry.state
        getattr(entry, transition.name)(by=by, at=now, message=note, reply_by=reply_by)
        try:
            entry.save()
        except ConcurrentTransition:
            _state, message = ALREADY.get(action, (None, _("Someone changed this entry.")))
            raise ValidationError(message) from None
        log = EntryTransition.objects.create(
            entry=entry,
            action=action,
            source=source,
            target=entry.state,
            by=by,
            note=note,
            internal_note=internal_note,
            checklist=checklist,
            at=now,
        )
        if action not in rules.RESULT_ACTIONS:  # the publication sends one results mail
            transaction.on_commit(lambda: entry_mail.enqueue(log.pk))
    return entry


def _available(entry: Entry, action: str, by):
    available = {t.name: t for t in entry.get_available_state_transitions()}
    if action not in available:
        state, message = ALREADY.get(action, (None, None))
        raise ValidationError(message if entry.state == state else _not_now(entry))
    if not available[action].has_perm(entry, by):
        if is_secretariat(by) or rules.is_member(entry, by):
            raise PermissionDenied(_("You cannot take this step on this entry."))
        raise PermissionDenied(
            _("Only the authority's members and the secretariat can take this step.")
        )
    return available[action]


def _not_now(entry: Entry) -> str:
    return _("That is not possible while the entry is “%(state)s”.") % {
        "state": entry.get_state_display()
    }
