"""Predicates about authorities and entries: conditions and permissions, in sentences a
person can act on. No I/O; the only query is a user's memberships, read once per user
object and cached on it, because django-fsm asks permissions with (instance, user)."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_secretariat
from prize.countries import MEMBER_STATES, country_name
from prize.enums import EditionState
from web.dates import date_format

from .enums import CHECKLIST, EntryState, PhotoPeople

SUMMARY_MAX = 1000
MAX_PHOTOS = 10
MAX_ATTACHMENTS = 5
OPEN_FOR_CHANGES = (EditionState.OPEN, EditionState.SCREENING)


def member_authority_ids(user) -> frozenset[int]:
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, "_authority_ids"):
        user._authority_ids = frozenset(user.authorities.values_list("pk", flat=True))
    return user._authority_ids


def is_member(entry, user) -> bool:
    """django-fsm permission: the person belongs to the entry's authority."""
    return entry.authority_id in member_authority_ids(user)


def can_screen(entry, user) -> bool:
    return is_secretariat(user)


def can_view_entry(entry, user) -> bool:
    return is_member(entry, user) or is_secretariat(user)


def can_view_files(entry, user, *, public: bool = False) -> bool:
    """Files are private until published: members, the secretariat, or anyone once the
    photo is part of a public laureate page (`public`, see photo_is_public)."""
    return public or can_view_entry(entry, user)


# The answers about the people in a photo that let it be published.
PEOPLE_CLEARED = frozenset({PhotoPeople.NONE, PhotoPeople.CONSENTED})


def photo_people_cleared(people: str) -> bool:
    """The photo shows no identifiable people, or the people shown consented: the one
    condition on the people in a photo, for the upload, its edits, the submit checklist
    and publication."""
    return people in PEOPLE_CLEARED


def photo_consented(photo) -> bool:
    """The authority consented to publication, and the photo shows no identifiable
    people or the people shown consented."""
    return photo.entry.consent_publication and photo_people_cleared(photo.people)


def photo_is_public(photo) -> bool:
    """A photo is public once its entry is a published laureate and it is consented."""
    entry = photo.entry
    return (
        entry.state == EntryState.AWARDED
        and entry.edition.results_public
        and photo_consented(photo)
    )


def deadline_text(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s (Strasbourg time)") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, "H:i"),
    }


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


@dataclass(frozen=True)
class SubmitFacts:
    photos: int
    photos_incomplete: int
    criteria: tuple[tuple[str, str], ...]  # (code, name) of the edition's criteria
    now: datetime


# Where a missing thing is put right: a field of the entry form, a section of the entry
# page (the "photos" fieldset), or "" for what no field can fix (dates, country).
NOWHERE = ""


def submit_missing(entry, facts: SubmitFacts) -> list[tuple[str, str]]:
    """Everything that stops this entry from being submitted now, as (where, message):
    the one list behind both the refusal of a submit and the page's checklist."""
    return (
        [(NOWHERE, m) for m in _timing_problems(entry, facts.now)]
        + [(NOWHERE, m) for m in _country_problems(entry)]
        + _content_problems(entry, facts)
    )


def submit_problems(entry, facts: SubmitFacts) -> list[str]:
    return [message for _where, message in submit_missing(entry, facts)]


def _timing_problems(entry, now) -> list[str]:
    edition = entry.edition
    if entry.state == EntryState.INFO_REQUESTED:
        if edition.state not in OPEN_FOR_CHANGES:
            return [_("Screening is over: this entry can no longer be changed.")]
        if entry.reply_by and now > end_of_day(entry.reply_by):
            return [
                _("The reply was due by %(date)s; write to the secretariat.")
                % {"date": date_format(entry.reply_by, "j F Y")}
            ]
        return []
    if edition.state != EditionState.OPEN:
        return [_("The call for entries of this edition is not open.")]
    if edition.submission_deadline and now > edition.submission_deadline:
        return [
            _("The deadline was %(deadline)s. Entries can no longer be submitted.")
            % {"deadline": deadline_text(edition.submission_deadline)}
        ]
    return []


def _country_problems(entry) -> list[str]:
    country = entry.authority.country
    eligible = entry.edition.eligible_countries
    if country not in MEMBER_STATES or (eligible and country not in eligible):
        return [
            _("Authorities from %(country)s cannot take part in this edition.")
            % {"country": country_name(country)}
        ]
    return []


def _content_problems(entry, facts: SubmitFacts) -> list[tuple[str, str]]:
    problems = [(where, message) for check, where, message in _required(entry) if not check]
    problems += _period_problems(entry)
    for code, name in facts.criteria:
        if not (entry.statements or {}).get(code, "").strip():
            problems.append(
                (
                    f"statement_{code}",
                    _("Write a statement for the criterion “%(name)s”.") % {"name": name},
                )
            )
    if facts.photos == 0:
        problems.append(("photo", _("Add at least one photo.")))
    if facts.photos_incomplete:
        message = _(
            "Give every photo a caption, a credit and an alternative text, and say whether it "
            "shows identifiable people."
        )
        problems.append(("photos", message))
    if not entry.consent_publication:  # last, as on the page
        problems.append(("consent_publication", _("Give your consent to publication.")))
    return problems


def _has(value) -> bool:
    if isinstance(value, dict):
        return any(str(v).strip() for v in value.values())
    return bool(value and str(value).strip())


def _required(entry):
    dates = "project_end" if entry.project_start else "project_start"
    return [
        (_has(entry.title), "title_en", _("Give the project a title in English or French.")),
        (_has(entry.summary), "summary", _("Write a summary.")),
        (_has(entry.description), "description", _("Write a description.")),
        (entry.project_start and entry.project_end, dates, _("Give the project's start and end.")),
        (entry.budget is not None, "budget", _("Give the project's total budget.")),
        (_has(entry.funding), "funding", _("Say where the funding came from.")),
        (
            _has(entry.participation),
            "participation",
            _("Say how Roma and Travellers took part in the project."),
        ),
        (_has(entry.results), "results", _("Describe the results so far.")),
    ]


def _period_problems(entry) -> list[tuple[str, str]]:
    edition = entry.edition
    start, end = entry.project_start, entry.project_end
    if not (start and end and edition.project_start and edition.project_end):
        return []
    if end < start:
        return [("project_end", _("The project's end is before its start."))]
    if end < edition.project_start or start > edition.project_end:
        message = _("The project must have run at some time between %(start)s and %(end)s.") % {
            "start": date_format(edition.project_start, "j F Y"),
            "end": date_format(edition.project_end, "j F Y"),
        }
        return [("project_start", message)]
    return []


def withdraw_problems(entry) -> list[str]:
    if entry.edition.state not in OPEN_FOR_CHANGES:
        return [_("Judging has started: entries can no longer be withdrawn.")]
    return []


# Steps taken by the publication of results, never offered as buttons.
RESULT_ACTIONS = ("award", "not_award")


def result_problems(entry) -> list[str]:
    """Why an entry cannot be marked awarded or not awarded now: only the publication
    of its edition's approved results does that."""
    if entry.edition.state != EditionState.DELIBERATION:
        return [_("Entries are marked awarded or not when the edition's results are published.")]
    return []


def screening_problems(entry, action: str, *, note: str, checklist: dict, reply_by, now):
    """Why the secretariat cannot take `action` on this entry now."""
    if action in RESULT_ACTIONS:
        return result_problems(entry)
    problems = []
    if entry.edition.state not in OPEN_FOR_CHANGES:
        problems.append(_("Screening is over for this edition."))
    if action == "mark_eligible":
        if not entry.authority.is_verified:
            problems.append(_("Verify the authority first."))
        unchecked = [str(label) for code, label in CHECKLIST if not checklist.get(code)]
        if unchecked:
            problems.append(
                _("Tick every item of the checklist. Not ticked: %(items)s")
                % {"items": " ".join(unchecked)}
            )
    if action == "mark_ineligible" and not note.strip():
        problems.append(_("Give the reason; the authority receives it by e-mail."))
    if action == "request_info":
        if not note.strip():
            problems.append(_("Write what information is needed."))
        if reply_by is None or reply_by < timezone.localdate(now):
            problems.append(_("Give a reply-by date that is today or later."))
    return problems
