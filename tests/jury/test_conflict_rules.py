"""One set of conflict rules on every path: the e-mail domain rule ignores shared mail
domains; nobody decides their own conflict; assignments follow conflicts (a waiver
gives the entry back, a confirmation takes it away, a late juror gets their entries);
uneven score sheets need an explicit confirmation before the scores are locked.
Each rule through the service and through the pages."""

import html
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from jury import rules, selectors, services
from jury.enums import AssignmentState, ConflictStatus
from jury.models import Assignment, Conflict, Juror
from prize import services as prize_services
from prize.enums import EditionState
from prize.models import Edition
from tests.factories import (
    AuthorityFactory,
    DecisionFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# Shared mail domains -----------------------------------------------------------------


def flagged(juror_email: str, member_email: str) -> list[str]:
    edition = EditionFactory(number=401)
    entry = EntryFactory(edition=edition, ref="town", state="eligible")
    entry.authority.members.add(UserFactory(email=member_email))
    JurorFactory(edition=edition, ref="j", email=juror_email, country="")
    services.conflicts_flag(edition=edition)
    return list(Conflict.objects.filter(entry=entry).values_list("reason", flat=True))


@pytest.mark.parametrize(
    "domain", ["gmail.com", "GMail.com", "gmx.de", "orange.fr", "yandex.ru", "example.org"]
)
def test_a_pair_on_a_public_mail_domain_is_not_flagged(domain):
    assert flagged(f"juror@{domain}", f"mayor@{domain.lower()}") == []


def test_a_pair_on_a_municipal_domain_is_flagged():
    assert flagged("adviser@ghent.be", "mayor@ghent.be") == [
        "Same e-mail domain (ghent.be) as the authority's people."
    ]


def test_a_domain_added_in_the_settings_is_shared_too(settings):
    settings.SHARED_MAIL_DOMAINS = ["Gov.example.hr "]
    assert flagged("one@gov.example.hr", "two@gov.example.hr") == []
    assert services.shared_mail_domains() >= {"gov.example.hr", "gmail.com", "web.de"}


def test_the_rule_alone_takes_the_shared_domains_it_is_given():
    edition = EditionFactory(number=402)
    entry = EntryFactory(edition=edition, state="eligible")
    juror = JurorFactory(edition=edition, email="a@city.example.net", country="")
    emails = ["b@city.example.net"]
    assert rules.likely_conflicts(juror=juror, entry=entry, member_emails=emails) == []
    assert rules.likely_conflicts(
        juror=juror, entry=entry, member_emails=emails, shared_domains=frozenset()
    ) == ["Same e-mail domain (city.example.net) as the authority's people."]


# Who decides a conflict ---------------------------------------------------------------

NUMBER = 403
OWN = (
    "You cannot decide on your own conflict of interest: another member of the jury or the "
    "secretariat decides it."
)
NOT_YOURS = (
    "Only the chair of the jury or the secretariat decides on conflicts; a conflict of the "
    "chair is decided by another juror or the secretariat."
)


@pytest.fixture
def jury():
    """An edition in judging: a chair, a French member, another member, two eligible
    entries; every juror accepted the terms and has every entry."""
    edition = EditionFactory(state=EditionState.JUDGING, number=NUMBER)
    now = timezone.now()
    chair = JurorFactory(
        edition=edition, ref="chair", role="chair", user=UserFactory(), terms_accepted_at=now
    )
    french = JurorFactory(
        edition=edition,
        ref="fr",
        name="Camille Roux",
        user=UserFactory(language="fr", email="camille@roux.example"),
        terms_accepted_at=now,
    )
    other = JurorFactory(edition=edition, ref="other", user=UserFactory(), terms_accepted_at=now)
    town = EntryFactory(
        edition=edition,
        ref="town",
        state="eligible",
        title={"en": "Schools for all", "fr": "L’école pour tous"},
        authority=AuthorityFactory(name="Ville de Metz"),
    )
    city = EntryFactory(edition=edition, ref="city", state="eligible")
    services.assignments_create(edition=edition)
    return edition, chair, french, other, town, city


def flag(juror, entry) -> Conflict:
    """A flagged conflict, as conflicts_flag leaves it: the juror without the entry."""
    Assignment.objects.filter(juror=juror, entry=entry).delete()
    return Conflict.objects.create(
        juror=juror, entry=entry, reason="Same country.", status=ConflictStatus.FLAGGED
    )


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def decide_url(conflict) -> str:
    return f"/en/jury/{NUMBER}/deliberation/conflicts/{conflict.pk}/"


def test_the_chair_cannot_decide_their_own_conflict_through_the_service(jury):
    edition, chair, french, other, town, city = jury
    conflict = flag(chair, town)
    for confirm in (True, False):
        with pytest.raises(PermissionDenied) as error:
            services.conflict_decide(
                conflict_id=conflict.pk, by=chair.user, confirm=confirm, reason="Not linked."
            )
        assert error.value.args == (OWN,)
    conflict.refresh_from_db()
    assert (conflict.status, conflict.decided_by) == (ConflictStatus.FLAGGED, None)


def test_the_chairs_page_offers_no_decision_on_their_own_conflict_and_refuses_a_forged_post(
    client, jury
):
    edition, chair, french, other, town, city = jury
    own, members = flag(chair, town), flag(french, city)
    client.force_login(chair.user)
    page = client.get(f"/en/jury/{NUMBER}/deliberation/").text
    assert page.count('value="waive"') == 1
    assert f'action="{decide_url(members)}"' in page
    assert f'action="{decide_url(own)}"' not in page
    assert (
        "This possible conflict is your own: another member of the jury or the secretariat "
        "decides it."
    ) in page
    forged = client.post(decide_url(own), {"decision": "waive", "reason": "Not linked."})
    assert forged.status_code == 302
    assert forged["Location"] == f"/en/jury/{NUMBER}/deliberation/"
    assert said(forged) == [OWN]
    own.refresh_from_db()
    assert own.status == ConflictStatus.FLAGGED
    assert not Assignment.objects.filter(juror=chair, entry=town).exists()


def test_another_juror_decides_the_chairs_conflict_from_their_jury_page(client, jury):
    edition, chair, french, other, town, city = jury
    conflict = flag(chair, town)
    client.force_login(other.user)
    page = client.get(f"/en/jury/{NUMBER}/").text
    assert "Possible conflicts of the chair to decide" in page
    assert f'action="{decide_url(conflict)}"' in page
    response = client.post(
        decide_url(conflict), {"decision": "confirm", "reason": "She advised the town."}
    )
    assert response["Location"] == f"/en/jury/{NUMBER}/"
    assert said(response) == ["The conflict is decided."]
    conflict.refresh_from_db()
    assert (conflict.status, conflict.decided_by, conflict.decision_reason) == (
        ConflictStatus.CONFIRMED,
        other.user,
        "She advised the town.",
    )


def test_a_member_may_not_decide_another_members_conflict(client, jury):
    edition, chair, french, other, town, city = jury
    conflict = flag(french, town)
    with pytest.raises(PermissionDenied) as error:
        services.conflict_decide(
            conflict_id=conflict.pk, by=other.user, confirm=False, reason="Fine."
        )
    assert error.value.args == (NOT_YOURS,)
    client.force_login(other.user)
    assert f'action="{decide_url(conflict)}"' not in client.get(f"/en/jury/{NUMBER}/").text
    forged = client.post(decide_url(conflict), {"decision": "waive", "reason": "Fine."})
    assert forged.status_code == 404
    client.force_login(french.user)  # nor their own
    assert (
        client.post(decide_url(conflict), {"decision": "waive", "reason": "Fine."}).status_code
        == 404
    )
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.FLAGGED


def test_the_secretariat_decides_any_conflict_the_chairs_too(jury, secretary):
    edition, chair, french, other, town, city = jury
    conflict = flag(chair, town)
    decided = services.conflict_decide(
        conflict_id=conflict.pk, by=secretary, confirm=True, reason="Former adviser."
    )
    assert (decided.status, decided.decided_by) == (ConflictStatus.CONFIRMED, secretary)


def test_a_post_without_a_decision_waives_nothing(client, jury):
    edition, chair, french, other, town, city = jury
    conflict = flag(french, town)
    client.force_login(chair.user)
    response = client.post(decide_url(conflict), {"reason": "Fine."})
    assert said(response) == ["Choose whether to confirm or to waive the conflict."]
    client.get(response["Location"])  # shows (and so clears) the message
    response = client.post(decide_url(conflict), {"decision": "waive", "reason": " "})
    assert said(response) == ["Write the reason for the decision."]
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.FLAGGED
    assert mail.outbox == []


# Assignments follow the conflicts ------------------------------------------------------


def scores(edition, value) -> dict:
    return {f"value_{c.code}": value for c in edition.criteria.all()}


def submit_through_the_page(client, juror, entry, value="8"):
    client.force_login(juror.user)
    url = f"/en/jury/{NUMBER}/entries/{entry.ref}/"
    return client.post(url, {**scores(entry.edition, value), "action": "submit"})


def sheets(edition) -> dict:
    """Entry ref: the submitted sheets the ranking counts."""
    return {row.entry: row.jurors for row in selectors.edition_ranking(edition=edition)}


@pytest.mark.parametrize("path", ["service", "page"])
def test_a_waiver_gives_the_juror_the_entry_to_score_and_tells_them_in_french(client, jury, path):
    edition, chair, french, other, town, city = jury
    conflict = flag(french, town)
    client.force_login(french.user)
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 404
    if path == "service":
        services.conflict_decide(
            conflict_id=conflict.pk,
            by=chair.user,
            confirm=False,
            reason="Lives abroad since 2010.",
            base_url="https://prize.example/",
        )
        link = "https://prize.example/fr/jury/403/entries/town/"
    else:
        client.force_login(chair.user)
        response = client.post(
            decide_url(conflict), {"decision": "waive", "reason": "Lives abroad since 2010."}
        )
        assert said(response) == ["The conflict is decided."]
        link = "http://testserver/fr/jury/403/entries/town/"
    with translation.override("fr"):  # whatever the French catalogue says
        subject = translation.gettext("An entry of the Dosta!-Congress Prize is now yours to score")
    assert [(m.to, m.subject) for m in mail.outbox] == [(["camille@roux.example"], subject)]
    body = mail.outbox[0].body
    assert body.startswith("Bonjour Camille Roux,\n")
    assert "L’école pour tous" in body  # the French title, not "Schools for all"
    assert "Ville de Metz" in body
    assert body.split().count(link) == 1
    assert body.rstrip().endswith("Le secrétariat du Prix Dosta!-Congrès")
    client.force_login(french.user)
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 200
    assert submit_through_the_page(client, french, town)["Location"] == f"/en/jury/{NUMBER}/"
    assert Assignment.objects.get(juror=french, entry=town).state == AssignmentState.SUBMITTED
    assert sheets(edition)["town"] == 1


def test_a_confirmation_takes_the_entry_away_and_a_submitted_sheet_does_not_count(client, jury):
    edition, chair, french, other, town, city = jury
    submit_through_the_page(client, other, town, "9")
    submit_through_the_page(client, french, town, "3")
    assert sheets(edition)["town"] == 2
    conflict = Conflict.objects.create(
        juror=french, entry=town, reason="Same domain.", status=ConflictStatus.FLAGGED
    )
    services.conflict_decide(
        conflict_id=conflict.pk, by=chair.user, confirm=True, reason="Her sister is the mayor."
    )
    client.force_login(french.user)
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 404
    assert sheets(edition)["town"] == 1
    town_row = selectors.edition_ranking(edition=edition)
    assert [(r.entry, r.score) for r in town_row if r.entry == "town"] == [
        ("town", Decimal("9.00"))
    ]
    progress = {e["ref"]: (e["submitted"], e["assigned"]) for e in deliberation(edition)}
    assert progress["town"] == (1, 2)  # the chair's draft and the other's sheet
    assert mail.outbox == []


def deliberation(edition) -> list[dict]:
    return selectors.deliberation(edition=edition)["entries"]


def test_a_confirmation_removes_a_draft_assignment(jury):
    edition, chair, french, other, town, city = jury
    conflict = Conflict.objects.create(
        juror=french, entry=town, reason="Same country.", status=ConflictStatus.FLAGGED
    )
    services.conflict_decide(conflict_id=conflict.pk, by=chair.user, confirm=True, reason="Yes.")
    assert not Assignment.objects.filter(juror=french, entry=town).exists()


def test_a_declared_conflict_keeps_a_submitted_sheet_on_record_but_counts_it_nowhere(client, jury):
    edition, chair, french, other, town, city = jury
    submit_through_the_page(client, french, town, "3")
    client.post(f"/en/jury/{NUMBER}/entries/town/conflict/", {"reason": "I know the mayor."})
    assert Assignment.objects.get(juror=french, entry=town).state == AssignmentState.SUBMITTED
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 404
    assert sheets(edition)["town"] == 0
    assert {e["ref"]: e["submitted"] for e in deliberation(edition)}["town"] == 0


def test_a_waiver_during_the_deliberation_gives_the_entry_when_scoring_reopens(
    client, jury, secretary
):
    edition, chair, french, other, town, city = jury
    conflict = flag(french, town)
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    client.force_login(chair.user)
    response = client.post(decide_url(conflict), {"decision": "waive", "reason": "Fine."})
    assert said(response) == [
        "The conflict is decided.",
        "The scores are locked for the deliberation: the juror gets the entry if the "
        "secretariat reopens the scoring.",
    ]
    assert not Assignment.objects.filter(juror=french, entry=town).exists()
    assert mail.outbox == []
    prize_services.edition_transition(edition_id=edition.pk, action="reopen_judging", by=secretary)
    assert Assignment.objects.get(juror=french, entry=town).state == AssignmentState.DRAFT


def test_no_conflict_is_decided_or_declared_once_the_decision_is_approved(jury, secretary):
    edition, chair, french, other, town, city = jury
    conflict = flag(french, town)
    DecisionFactory(edition=edition, source="jury", approved_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        services.conflict_decide(conflict_id=conflict.pk, by=secretary, confirm=False, reason="x")
    assert error.value.messages == ["The jury's decision is approved: scores are frozen."]
    with pytest.raises(ValidationError):
        services.conflict_declare(
            juror_id=other.pk, entry_id=town.pk, by=other.user, reason="My town."
        )
    assert Conflict.objects.get().status == ConflictStatus.FLAGGED


@pytest.mark.parametrize("path", ["service", "page"])
def test_a_juror_invited_while_the_jury_scores_gets_their_entries_at_once(
    client, jury, secretary, path
):
    edition, chair, french, other, town, city = jury
    town.authority.members.add(UserFactory(email="mayor@metz.example"))
    city.authority.members.add(UserFactory(email="mayor@gmail.com"))
    data = {"name": "Late Juror", "email": "late@metz.example", "country": "", "language": "en"}
    if path == "service":
        services.juror_invite(
            edition_id=edition.pk, by=secretary, base_url="https://prize.example/", **data
        )
    else:
        client.force_login(secretary)
        response = client.post(f"/en/jury/{NUMBER}/secretariat/", {**data, "role": "member"})
        assert response.status_code == 302
    late = Juror.objects.get(edition=edition, ref="late-juror")
    assert list(late.assignments.values_list("entry__ref", flat=True)) == ["city"]
    assert list(late.conflicts.values_list("entry__ref", "status")) == [("town", "flagged")]
    assert [m.to for m in mail.outbox] == [["late@metz.example"]]


def test_a_juror_seated_before_judging_waits_for_it(jury):
    edition, *_ = jury
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.SCREENING)
    edition.refresh_from_db()
    early = services.juror_add(edition=edition, ref="early", name="Early")
    assert early.assignments.count() == 0
    judging = Edition.objects.get(pk=edition.pk)
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    judging.refresh_from_db()
    late = services.juror_add(edition=judging, ref="late", name="Late")
    assert sorted(late.assignments.values_list("entry__ref", flat=True)) == ["city", "town"]


# Uneven score sheets before the scores are locked --------------------------------------

UNEVEN = (
    "These entries have fewer submitted score sheets than others: “Schools for all” of "
    "Ville de Metz (town): 1 of 2. Confirm that the scores may be locked anyway."
)


@pytest.fixture
def uneven(client, jury):
    """Two sheets for city, one for town (the French juror did not score it)."""
    edition, chair, french, other, town, city = jury
    submit_through_the_page(client, other, town)
    submit_through_the_page(client, other, city)
    submit_through_the_page(client, french, city)
    client.logout()
    return jury


def lock(edition, by, **kwargs):
    return prize_services.edition_transition(
        edition_id=edition.pk, action="start_deliberation", by=by, **kwargs
    )


def test_uneven_sheets_refuse_the_lock_without_confirmation_through_the_service(uneven, secretary):
    edition, *_ = uneven
    with pytest.raises(ValidationError) as error:
        lock(edition, secretary)
    assert error.value.messages == [UNEVEN]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.JUDGING
    assert lock(edition, secretary, confirm_uneven=True).state == EditionState.DELIBERATION


def test_the_secretariat_sees_the_uneven_entries_and_must_tick_the_box(client, uneven, secretary):
    edition, *_ = uneven
    client.force_login(secretary)
    page = client.get(f"/en/secretariat/editions/{NUMBER}/").text
    assert html.escape(UNEVEN, quote=False) in page
    assert 'name="confirm_uneven"' in page
    url = f"/en/secretariat/editions/{NUMBER}/transition/"
    refused = client.post(url, {"action": "start_deliberation"})
    assert said(refused) == [UNEVEN]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.JUDGING
    client.get(refused["Location"])  # shows (and so clears) the message
    locked = client.post(url, {"action": "start_deliberation", "confirm_uneven": "on"})
    assert said(locked) == ["The edition is now: Deliberation."]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.DELIBERATION


def test_the_chair_sees_the_uneven_entries_while_the_jury_scores(client, uneven):
    edition, chair, *_ = uneven
    client.force_login(chair.user)
    page = client.get(f"/en/jury/{NUMBER}/deliberation/")
    assert [(e.ref, e.title, e.authority, e.sheets, e.most) for e in page.context["uneven"]] == [
        ("town", "Schools for all", "Ville de Metz", 1, 2)
    ]
    assert "“Schools for all” of Ville de Metz (town): 1 of 2" in page.text


def test_even_sheets_lock_without_a_question(client, uneven, secretary):
    edition, chair, french, other, town, city = uneven
    submit_through_the_page(client, french, town)
    assert selectors.uneven_entries(edition=edition) == []
    assert lock(edition, secretary).state == EditionState.DELIBERATION


def test_a_conflicted_sheet_does_not_even_the_count(client, uneven, secretary):
    """The French juror scored city, then declared a conflict with it: city now counts
    one sheet like town, so nothing is uneven; one more sheet on city makes town short."""
    edition, chair, french, other, town, city = uneven
    client.force_login(french.user)
    client.post(f"/en/jury/{NUMBER}/entries/city/conflict/", {"reason": "My old job."})
    assert selectors.uneven_entries(edition=edition) == []
    submit_through_the_page(client, chair, city)
    assert [e.ref for e in selectors.uneven_entries(edition=edition)] == ["town"]
    with pytest.raises(ValidationError):
        lock(edition, secretary)


# The admin follows the same rules ------------------------------------------------------


def test_a_juror_added_in_the_admin_while_the_jury_scores_gets_their_entries(
    client, jury, secretary
):
    edition, *_ = jury
    client.force_login(secretary)
    response = client.post(
        "/en/admin/jury/juror/add/",
        {"edition": edition.pk, "ref": "admin-added", "name": "Added", "role": "member"},
    )
    assert response.status_code == 302
    added = Juror.objects.get(edition=edition, ref="admin-added")
    assert sorted(added.assignments.values_list("entry__ref", flat=True)) == ["city", "town"]


def test_the_admin_shows_conflicts_but_cannot_decide_add_or_delete_them(client, jury, secretary):
    edition, chair, french, other, town, city = jury
    conflict = flag(chair, town)
    client.force_login(secretary)
    url = f"/en/admin/jury/conflict/{conflict.pk}/change/"
    assert client.get(url).status_code == 200  # the view-only page
    forged = client.post(url, {"juror": chair.pk, "entry": town.pk, "status": "waived"})
    assert forged.status_code == 403
    assert client.get("/en/admin/jury/conflict/add/").status_code == 403
    assert client.post(f"/en/admin/jury/conflict/{conflict.pk}/delete/").status_code == 403
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.FLAGGED


@pytest.mark.parametrize(
    ("conflicted_role", "who", "allowed"),
    [
        ("member", "chair", True),
        ("member", "member", False),
        ("member", "self", False),
        ("chair", "self", False),
        ("chair", "member", True),
        ("chair", "co-chair", True),
        ("chair", "secretariat", True),
        ("member", "secretariat", True),
        ("member", "secretariat-self", False),
        ("chair", "stranger", False),
        ("chair", "anonymous", False),
    ],
)
def test_the_rule_of_who_decides_a_conflict(
    conflicted_role, who, allowed, django_assert_num_queries
):
    """Pure: unsaved people, no query."""
    secretariat = who.startswith("secretariat")
    user = UserFactory.build(pk=2, is_secretariat=secretariat)
    conflicted = Juror(user_id=2 if who.endswith("self") else 1, role=conflicted_role)
    seats = {"chair": "chair", "co-chair": "chair", "member": "member", "self": conflicted_role}
    seat = Juror(user_id=2, role=seats[who]) if who in seats else None
    if who == "anonymous":
        user = AnonymousUser()
    with django_assert_num_queries(0):
        assert rules.may_decide_conflict(conflicted=conflicted, user=user, seat=seat) is allowed
