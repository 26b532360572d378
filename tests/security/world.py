"""The site as the permission matrix sees it: two authorities, A and B, a jury edition in
deliberation and a published edition with certificates, built through the services.

Every text that must not leak carries a marker (upper case, unlikely anywhere else), so a
page that shows it can be found by a plain search of the response."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from alliance.models import Participation
from jury import services as jury
from jury.models import Assignment, Conflict, Juror
from prize.enums import EditionState
from prize.models import Edition
from results import services as results_services
from results.models import Certificate, NewsItem
from submissions import services as submissions
from submissions.enums import CHECKLIST
from submissions.models import Attachment, Authority, Entry, Photo
from tests.factories import (
    PASSWORD,
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    ParticipationFactory,
)
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_bytes, pdf_bytes

ANON = "anonymous"
A = "authority_a"
B = "authority_b"
JUROR = "juror"
CONFLICTED = "conflicted_juror"
CHAIR = "chair"
SEC = "secretariat"
ROLES = (ANON, A, B, JUROR, CONFLICTED, CHAIR, SEC)

# What must not leak, and who may see it. The jury edition's entries are private until
# published; jurors' comments and the decision stay within the jury and the secretariat.
MARKERS = {
    "A-TITLE-QX7": {A, JUROR, CHAIR, SEC},
    "A-SUMMARY-QX7": {A, JUROR, CHAIR, SEC},
    "A-CAPTION-QX7": {A, JUROR, CHAIR, SEC},
    "a-annex-qx7.pdf": {A, JUROR, CHAIR, SEC},
    "B-TITLE-QX7": {B, JUROR, CONFLICTED, CHAIR, SEC},
    "B-SUMMARY-QX7": {B, JUROR, CONFLICTED, CHAIR, SEC},
    "JUROR-ON-A-QX7": {JUROR, CHAIR, SEC},
    "JUROR-ON-B-QX7": {JUROR, CHAIR, SEC},
    "CONFLICTED-ON-A-QX7": {CHAIR, SEC},
    "CONFLICTED-ON-B-QX7": {CONFLICTED, CHAIR, SEC},
    "CONFLICT-REASON-QX7": {CONFLICTED, CHAIR, SEC},
    "STATEMENT-A-QX7": {CHAIR, SEC},
    "INTERNAL-NOTE-QX7": {SEC},
    "a.member.qx7@alpha.example": {A, SEC},
    "b.member.qx7@beta.example": {B, SEC},
}

# Markers each role must find somewhere, so that the leak check is not vacuous.
MUST_SEE = {
    ANON: set(),
    A: {"A-TITLE-QX7", "A-CAPTION-QX7", "a-annex-qx7.pdf", "a.member.qx7@alpha.example"},
    B: {"B-TITLE-QX7", "b.member.qx7@beta.example"},
    JUROR: {"A-TITLE-QX7", "B-TITLE-QX7", "A-CAPTION-QX7", "JUROR-ON-A-QX7"},
    CONFLICTED: {"B-TITLE-QX7", "CONFLICTED-ON-B-QX7"},
    CHAIR: {"A-TITLE-QX7", "B-TITLE-QX7"},
    SEC: {"A-TITLE-QX7", "B-TITLE-QX7", "INTERNAL-NOTE-QX7", "JUROR-ON-A-QX7"},
}


@dataclass
class World:
    users: dict[str, User]
    authority_a: Authority
    authority_b: Authority
    jury_edition: Edition
    entry_a: Entry
    entry_b: Entry
    photo_a: Photo
    attachment_a: Attachment
    published: Edition
    laureate_a: Entry
    laureate_b: Entry
    public_photo: Photo
    certificate_a: Certificate
    certificate_b: Certificate
    jurors: dict[str, Juror] = field(default_factory=dict)
    conflict: Conflict | None = None
    participation_a: Participation | None = None
    participation_b: Participation | None = None
    open_call: Edition | None = None  # open for entries, with its call written
    news: NewsItem | None = None  # in English only, with a photo


def _person(email: str, **flags) -> User:
    return user_create(email=email, password=PASSWORD, name=email.split("@")[0], **flags)


def _entry(edition, authority, member, marker: str, *, with_attachment: bool):
    entry = submissions.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    fill(
        entry, member, title={"en": f"{marker}-TITLE-QX7"}, summary={"en": f"{marker}-SUMMARY-QX7"}
    )
    caption = f"{marker}-CAPTION-QX7"
    photo = submissions.photo_add(
        entry_id=entry.pk,
        by=member,
        upload=SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        **{**PHOTO_TEXT, "caption": caption},
    )
    attachment = None
    if with_attachment:
        attachment = submissions.attachment_add(
            entry_id=entry.pk,
            by=member,
            upload=SimpleUploadedFile(
                f"{marker.lower()}-annex-qx7.pdf", pdf_bytes(), content_type="application/pdf"
            ),
        )
    submissions.entry_transition(entry_id=entry.pk, action="submit", by=member)
    return entry, photo, attachment


def _scores(juror: Juror, entry: Entry, value: int, comment: str) -> None:
    assignment = Assignment.objects.get(juror=juror, entry=entry)
    codes = list(entry.edition.criteria.values_list("code", flat=True))
    jury.scores_save(
        assignment_id=assignment.pk,
        by=juror.user,
        values={code: str(value) for code in codes},
        comments={codes[0]: comment},
    )
    jury.assignment_transition(action="submit", assignment_id=assignment.pk, by=juror.user)


def _jury_edition(users, authority_a, authority_b, sec):
    edition = EditionFactory(number=61, state=EditionState.OPEN, places=1)
    entry_a, photo_a, attachment_a = _entry(
        edition, authority_a, users[A], "A", with_attachment=True
    )
    entry_b, _photo_b, _none = _entry(edition, authority_b, users[B], "B", with_attachment=False)
    checklist = {code: True for code, _label in CHECKLIST}
    for authority in (authority_a, authority_b):
        submissions.authority_verify(authority_id=authority.pk, by=sec)
    for entry in (entry_a, entry_b):
        submissions.entry_transition(
            entry_id=entry.pk,
            action="mark_eligible",
            by=sec,
            checklist=checklist,
            internal_note="INTERNAL-NOTE-QX7",
        )
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    now = timezone.now()
    jurors = {
        role: Juror.objects.create(
            edition=edition,
            ref=role,
            name=role,
            email=users[role].email,
            country="DE",
            user=users[role],
            role="chair" if role == CHAIR else "member",
            terms_accepted_at=now,
        )
        for role in (JUROR, CONFLICTED, CHAIR)
    }
    jury.assignments_create(edition=edition)
    _scores(jurors[JUROR], entry_a, 8, "JUROR-ON-A-QX7")
    _scores(jurors[JUROR], entry_b, 6, "JUROR-ON-B-QX7")
    _scores(jurors[CHAIR], entry_a, 9, "CHAIR-ON-A-QX7")
    _scores(jurors[CHAIR], entry_b, 5, "CHAIR-ON-B-QX7")
    # The conflicted juror scored A, then noticed a link with it and declared it: the
    # submitted sheet stays (and does not count), the entry must vanish from their pages.
    _scores(jurors[CONFLICTED], entry_a, 2, "CONFLICTED-ON-A-QX7")
    _scores(jurors[CONFLICTED], entry_b, 7, "CONFLICTED-ON-B-QX7")
    conflict = jury.conflict_declare(
        juror_id=jurors[CONFLICTED].pk,
        entry_id=entry_a.pk,
        by=users[CONFLICTED],
        reason="CONFLICT-REASON-QX7",
    )
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    jury.decision_record(
        edition_id=edition.pk,
        by=users[CHAIR],
        statements={entry_a.ref: {"en": "STATEMENT-A-QX7", "fr": "STATEMENT-A-QX7"}},
    )
    edition.refresh_from_db()
    return edition, entry_a, entry_b, photo_a, attachment_a, jurors, conflict


def _published_edition(authority_a, authority_b, users, sec, on_commit):
    """Edition 60, published: A first, B second; both laureates with certificates; A's
    photo public (consent given)."""
    edition = EditionFactory(
        number=60,
        state=EditionState.JUDGING,
        places=2,
        ceremony_date=date.today() - timedelta(days=30),
        signatories=[{"name": "A. Example", "role": {"en": "President", "fr": "Président"}}],
    )
    chair = Juror.objects.create(
        edition=edition,
        ref="p-chair",
        name="Past chair",
        email="past.chair@example.org",
        user=_person("past.chair@example.org"),
        role="chair",
        terms_accepted_at=timezone.now(),
    )
    laureates = {}
    for role, authority, value in ((A, authority_a, 9), (B, authority_b, 5)):
        entry = EntryFactory(
            edition=edition,
            authority=authority,
            ref=f"laureate-{role}",
            state="draft",
            consent_publication=True,
            title={"en": f"Public project of {authority.name}"},
        )
        photo = submissions.photo_add(
            entry_id=entry.pk,
            by=users[role],
            upload=SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
            **PHOTO_TEXT,
        )
        Entry.objects.filter(pk=entry.pk).update(state="eligible")
        Assignment.objects.create(juror=chair, entry=entry)
        _scores(chair, entry, value, "")
        laureates[role] = (entry, photo)
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    jury.decision_record(edition_id=edition.pk, by=chair.user)
    jury.decision_approve(edition_id=edition.pk, by=sec)
    with on_commit(execute=True):
        edition = results_services.edition_transition(
            edition_id=edition.pk, action="publish", by=sec, confirmed=True
        )
    return edition, laureates


def build(on_commit) -> World:
    """`on_commit`: pytest-django's django_capture_on_commit_callbacks, so that the
    certificates are rendered as the publication commits."""
    users = {
        A: _person("a.member.qx7@alpha.example"),
        B: _person("b.member.qx7@beta.example"),
        JUROR: _person("juror.qx7@jury.example"),
        CONFLICTED: _person("conflicted.qx7@jury.example"),
        CHAIR: _person("chair.qx7@jury.example"),
        SEC: _person("secretariat.qx7@coe.example", is_secretariat=True, is_staff=True),
    }
    authority_a = AuthorityFactory(name="Alphaville", country="BE")
    authority_b = AuthorityFactory(name="Betatown", country="HR")
    submissions.authority_member_add(authority=authority_a, user=users[A])
    submissions.authority_member_add(authority=authority_b, user=users[B])
    published, laureates = _published_edition(
        authority_a, authority_b, users, users[SEC], on_commit
    )
    edition, entry_a, entry_b, photo_a, attachment_a, jurors, conflict = _jury_edition(
        users, authority_a, authority_b, users[SEC]
    )
    certificates = {c.entry_id: c for c in Certificate.objects.filter(edition=published)}
    # A takes part in the Alliance (public profile); B's request waits (no profile yet).
    participation_a = ParticipationFactory(authority=authority_a, slug="alphaville")
    participation_b = ParticipationFactory(
        authority=authority_b, slug="betatown", state="requested", accepted_on=None
    )
    open_call = EditionFactory(
        number=62,
        state=EditionState.OPEN,
        call_text_en="## Who may enter\n- Cities; see [the rules](https://www.coe.int/dosta)",
        call_text_fr="## Qui peut participer\n- Les villes",
    )
    news = results_services.news_create(
        by=users[SEC],
        photo=SimpleUploadedFile("n.jpg", jpeg_bytes(), content_type="image/jpeg"),
        title_en="The jury met in Strasbourg",
        text_en="## The meeting\nThe jury met. [Congress](https://www.coe.int/congress)",
        photo_credit="Council of Europe",
        photo_alt_en="Seven people around a table",
    )
    return World(
        open_call=open_call,
        news=news,
        users=users,
        authority_a=authority_a,
        authority_b=authority_b,
        jury_edition=edition,
        entry_a=entry_a,
        entry_b=entry_b,
        photo_a=photo_a,
        attachment_a=attachment_a,
        published=published,
        laureate_a=laureates[A][0],
        laureate_b=laureates[B][0],
        public_photo=laureates[A][1],
        certificate_a=certificates[laureates[A][0].pk],
        certificate_b=certificates[laureates[B][0].pk],
        jurors=jurors,
        conflict=conflict,
        participation_a=participation_a,
        participation_b=participation_b,
    )
