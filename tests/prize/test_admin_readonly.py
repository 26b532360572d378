"""One set of rules on every path: in the admin, the records of the process are
read-only for everyone, a superuser included, and the secretariat are staff in the
Secretariat group, not superusers."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import RequestFactory

from accounts.models import SECRETARIAT_GROUP, User
from jury.models import (
    Assignment,
    AssignmentTransition,
    Conflict,
    Decision,
    Juror,
    Result,
    Score,
    ScoreChange,
)
from prize.enums import EditionState
from prize.models import Criterion, Edition, EditionTransition
from results.models import Certificate
from submissions.models import Attachment, Entry, EntryTransition, Photo
from tests.factories import (
    PASSWORD,
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

WHO = ["secretary", "superuser"]
# Every model whose rows record a step of the process: no admin page or inline may add,
# change or delete one, whoever asks.
PROCESS_RECORDS = (
    Decision,
    Result,
    Score,
    ScoreChange,
    Assignment,
    AssignmentTransition,
    Conflict,
    EditionTransition,
    EntryTransition,
    Certificate,
)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("operator@example.org", PASSWORD)


@pytest.fixture
def records(published, secretary):
    """The published edition 9 (conftest): a decision approved by the secretariat, its
    results, scores, certificates and logs; plus a conflict, a score change and an
    assignment log line, as the services write them."""
    edition, entries = published
    assignment = Assignment.objects.filter(entry__edition=edition).order_by("pk").first()
    criterion = edition.criteria.order_by("order").first()
    ScoreChange.objects.create(
        assignment=assignment, criterion=criterion, old=None, new=Decimal("9"), by=secretary
    )
    AssignmentTransition.objects.create(assignment=assignment, action="submit", by=secretary)
    juror = Juror.objects.get(edition=edition, ref="chair")
    Conflict.objects.create(juror=juror, entry=entries["jyvaskyla"], reason="Lives there.")
    return edition, entries


def admin_user(request, who) -> User:
    return request.getfixturevalue(who)


def url(obj, view: str = "change") -> str:
    meta = obj._meta
    if view == "add":
        return f"/en/admin/{meta.app_label}/{meta.model_name}/add/"
    return f"/en/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/{view}/"


def snapshot(obj) -> dict:
    return model_to_dict(type(obj).objects.get(pk=obj.pk))


def inputs(html: str) -> list[str]:
    """The names of the form controls a person could fill in on a page (hidden ones,
    such as the CSRF token and the inline formsets' bookkeeping, aside)."""
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    return sorted(
        re.search(r'\bname="([^"]+)"', tag).group(1)
        for tag in tags
        if 'name="' in tag and 'type="hidden"' not in tag
    )


def admin_request(user):
    request = RequestFactory().get("/en/admin/")
    request.user = user
    return request


def rights(page, user, obj) -> tuple[bool, bool, bool]:
    """What an admin page (or an inline, on its parent `obj`) lets `user` do to obj."""
    request = admin_request(user)
    inline = isinstance(page, InlineModelAdmin)
    return (
        page.has_add_permission(request, *([obj] if inline else [])),
        page.has_change_permission(request, obj),
        page.has_delete_permission(request, obj),
    )


@pytest.mark.parametrize("who", WHO)
def test_no_admin_page_or_inline_may_add_change_or_delete_a_process_record(request, records, who):
    """Checked on the admin site's own registry, so a page registered later for one of
    these models is checked too. On the page of a submitted entry, a decision, an
    assignment and a published edition, no inline (photos, attachments and criteria
    included) may add, change or delete anything."""
    user = admin_user(request, who)
    edition, entries = records
    samples = {model: model.objects.order_by("pk").first() for model in PROCESS_RECORDS}
    assert [m.__name__ for m, row in samples.items() if row is None] == []
    parents = {
        Entry: entries["sisli"],
        Edition: edition,
        Assignment: samples[Assignment],
        Decision: samples[Decision],
    }
    checked, allowed = set(), []
    for model, model_admin in admin.site._registry.items():
        pages = [(model_admin, samples[model])] if model in PROCESS_RECORDS else []
        if model in parents:
            inlines = model_admin.get_inline_instances(admin_request(user), parents[model])
            pages += [(inline, parents[model]) for inline in inlines]
        for page, obj in pages:
            checked.add(page.model.__name__)
            if any(rights(page, user, obj)):
                allowed.append((type(page).__name__, rights(page, user, obj)))
    assert allowed == []
    assert checked == {m.__name__ for m in PROCESS_RECORDS} | {"Photo", "Attachment", "Criterion"}
    assert rights(admin.site._registry[Edition], user, edition) == (False, True, False)


CHANGED = {
    Decision: {
        "source": "jury",
        "reason": "Changed in the admin.",
        "approved_at_0": "2026-01-01",
        "approved_at_1": "10:00:00",
    },
    Conflict: {"reason": "Nothing.", "status": "waived", "decision_reason": "Waived here."},
    Assignment: {"state": "draft", "comment": "Changed in the admin."},
    Certificate: {"status": "revoked", "revoked_reason": "Changed in the admin."},
    Entry: {"title": '{"en": "Changed in the admin"}', "ref": "changed"},
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("model", list(CHANGED), ids=lambda m: m.__name__)
def test_a_process_record_is_shown_without_inputs_and_a_post_is_refused(
    client, request, records, who, model
):
    edition, entries = records
    row = entries["sisli"] if model is Entry else model.objects.order_by("pk").first()
    before, count = snapshot(row), model.objects.count()
    client.force_login(admin_user(request, who))

    page = client.get(url(row))
    html = page.content.decode()
    assert page.status_code == 200
    assert inputs(html) == []
    assert 'name="_save"' not in html
    assert client.post(url(row), {**CHANGED[model], "_save": "Save"}).status_code == 403
    assert client.get(url(row, "delete")).status_code == 403
    assert client.post(url(row, "delete"), {"post": "yes"}).status_code == 403
    assert client.post(url(row, "add"), CHANGED[model]).status_code == 403
    assert snapshot(row) == before
    assert model.objects.count() == count


@pytest.mark.parametrize("who", WHO)
def test_nobody_sets_the_approval_of_a_decision_in_the_admin(client, request, who, secretary):
    edition = EditionFactory(state=EditionState.DELIBERATION)
    decision = Decision.objects.create(edition=edition, source="jury", recorded_by=secretary)
    user = admin_user(request, who)
    client.force_login(user)
    data = {
        "edition": edition.pk,
        "source": "jury",
        "recorded_at_0": "2026-01-01",
        "recorded_at_1": "09:00:00",
        "approved_by": user.pk,
        "approved_at_0": "2026-01-01",
        "approved_at_1": "10:00:00",
        "results-TOTAL_FORMS": "0",
        "results-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    assert client.post(url(decision), data).status_code == 403
    decision.refresh_from_db()
    assert (decision.approved_at, decision.approved_by) == (None, None)
    assert client.post(url(decision, "add"), data).status_code == 403
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("who", WHO)
def test_the_inlines_of_records_offer_no_inputs(client, request, records, who):
    """Results, scores, score changes, assignment logs, transitions, and the photos and
    attachments of a submitted entry are shown on their parent's page without inputs."""
    edition, entries = records
    client.force_login(admin_user(request, who))
    decision = Decision.objects.get(edition=edition)
    assignment = ScoreChange.objects.get().assignment
    entry = entries["sisli"]
    EntryTransition.objects.create(entry=entry, action="submit", source="draft", target="x")
    for obj, shown in (
        (decision, "Şişli"),
        (assignment, "submit"),
        (entry, "submit"),
    ):
        html = client.get(url(obj)).content.decode()
        assert shown in html
        assert inputs(html) == [], obj
    assert Result.objects.filter(decision=decision).count() == 3


@pytest.mark.parametrize("who", WHO)
def test_a_published_editions_settings_cannot_be_changed_in_the_admin(
    client, request, records, who
):
    """Its page shows the settings as text and points to the secretariat's page, whose
    service reissues the certificates; a POST changes nothing, not even a criterion."""
    edition, entries = records
    client.force_login(admin_user(request, who))
    before = snapshot(edition)
    criteria = list(Criterion.objects.filter(edition=edition).values_list("pk", "weight"))
    certificates = list(Certificate.objects.values_list("number", "status", "digest"))

    html = client.get(url(edition)).content.decode()
    assert inputs(html) == []
    assert 'href="/en/secretariat/editions/9/"' in html
    data = {
        "ceremony_date": "2030-01-01",
        "signatories": '[{"name": "Someone Else", "role": {"en": "Nobody"}}]',
        "name": '{"en": "Renamed"}',
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "1",
        "criteria-0-id": str(criteria[0][0]),
        "criteria-0-edition": str(edition.pk),
        "criteria-0-code": "changed",
        "criteria-0-name": '{"en": "Changed"}',
        "criteria-0-weight": "9",
        "criteria-0-max_score": "10",
        "criteria-0-order": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    response = client.post(url(edition), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert snapshot(edition) == before
    assert edition.ceremony_date == date(2027, 10, 20)
    assert list(Criterion.objects.filter(edition=edition).values_list("pk", "weight")) == criteria
    assert list(Certificate.objects.values_list("number", "status", "digest")) == certificates
    assert client.get(url(edition, "delete")).status_code == 403
    assert client.get("/en/admin/prize/edition/add/").status_code == 403


def test_a_draft_entry_can_still_be_repaired_by_a_superuser(client, superuser):
    entry = EntryFactory(state="draft", ref="draft-1")
    client.force_login(superuser)
    html = client.get(url(entry)).content.decode()
    assert 'name="_save"' in html
    assert "title" in inputs(html)
    submitted = EntryFactory(state="submitted", ref="sent-1")
    Photo.objects.create(entry=submitted, file="private/p.jpg", caption="A caption")
    Attachment.objects.create(entry=submitted, file="private/a.pdf", name="a.pdf", size=3)
    assert inputs(client.get(url(submitted)).content.decode()) == []


@pytest.mark.parametrize(
    ("state", "editable"),
    [(EditionState.SCREENING, True), (EditionState.JUDGING, False)],
)
def test_jurors_and_criteria_are_repaired_only_before_the_jury_scores(
    client, secretary, state, editable
):
    edition = EditionFactory(state=state)
    juror = JurorFactory(edition=edition, name="Ana Example")
    client.force_login(secretary)
    data = {"name": "Ana Changed", "email": juror.email, "country": "FR", "role": "member"}
    data["organisation"] = ""
    response = client.post(url(juror), data)
    juror.refresh_from_db()
    assert (response.status_code, juror.name) == (
        (302, "Ana Changed") if editable else (403, "Ana Example")
    )
    html = client.get(url(edition)).content.decode()
    assert ("criteria-0-weight" in inputs(html)) is editable


def test_the_secretariat_are_staff_in_the_group_and_not_superusers(secretary):
    assert (secretary.is_staff, secretary.is_superuser, secretary.is_secretariat) == (
        True,
        False,
        True,
    )
    assert list(secretary.groups.values_list("name", flat=True)) == [SECRETARIAT_GROUP]
    assert secretary.has_perm("jury.view_decision")
    assert not secretary.has_perm("jury.change_decision")
    assert not secretary.has_perm("jury.change_score")
    assert secretary.has_perm("jury.change_juror")
    assert secretary.has_perm("submissions.change_authority")
    assert not UserFactory().is_secretariat


def test_the_secretariat_cannot_make_anyone_a_superuser(client, secretary, superuser):
    person = UserFactory(email="someone@example.org", name="Someone")
    client.force_login(secretary)
    data = {
        "email": person.email,
        "name": "Someone Else",
        "language": "en",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    assert client.post(url(person), data).status_code == 302
    person.refresh_from_db()
    assert (person.name, person.is_staff, person.is_superuser) == ("Someone Else", True, False)
    operator = {**data, "email": superuser.email, "is_superuser": ""}
    assert client.post(url(superuser), operator).status_code == 403
    superuser.refresh_from_db()
    assert (superuser.email, superuser.is_superuser) == ("operator@example.org", True)


def test_createsuperuser_makes_an_operator_who_is_also_in_the_secretariat(db):
    call_command("createsuperuser", interactive=False, email="ops@example.org", verbosity=0)
    operator = User.objects.get(email="ops@example.org")
    assert (operator.is_staff, operator.is_superuser, operator.is_secretariat) == (
        True,
        True,
        True,
    )


def test_an_authority_is_repaired_through_its_service_and_only_in_a_member_state(client, secretary):
    authority = AuthorityFactory(name="City of Ghent", country="BE", address="Old address")
    client.force_login(secretary)
    data = {"name": "City of Ghent", "kind": "municipality", "country": "BE"}
    data["address"] = "Botermarkt 1, 9000 Gent"
    assert client.post(url(authority), data).status_code == 302
    authority.refresh_from_db()
    assert (authority.address, authority.country) == ("Botermarkt 1, 9000 Gent", "BE")
    refused = client.post(url(authority), {**data, "country": "RU", "address": "Elsewhere"})
    assert refused.status_code == 200
    assert "Select a valid choice. RU is not one of the available choices." in (
        refused.content.decode()
    )
    authority.refresh_from_db()
    assert (authority.address, authority.country) == ("Botermarkt 1, 9000 Gent", "BE")
    assert client.get("/en/admin/submissions/authority/add/").status_code == 403
