"""One set of conflict rules on every path: the e-mail domain rule ignores shared mail
domains, and nobody decides their own conflict (the chair's is decided by another juror
or the secretariat); through the service, the pages, a forged POST and the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied

from jury import rules, services
from jury.enums import ConflictStatus
from jury.models import Assignment, Conflict, Juror
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory
from tests.jury.conftest import JUDGING as NUMBER
from tests.jury.conftest import decide_url, flag, said

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

OWN = (
    "You cannot decide on your own conflict of interest: another member of the jury or the "
    "secretariat decides it."
)
NOT_YOURS = (
    "Only the chair of the jury or the secretariat decides on conflicts; a conflict of the "
    "chair is decided by another juror or the secretariat."
)


def test_the_chair_cannot_decide_their_own_conflict_through_the_service(judging):
    edition, chair, french, other, town, city = judging
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
    client, judging
):
    edition, chair, french, other, town, city = judging
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


def test_another_juror_decides_the_chairs_conflict_from_their_jury_page(client, judging):
    edition, chair, french, other, town, city = judging
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


def test_a_member_may_not_decide_another_members_conflict(client, judging):
    edition, chair, french, other, town, city = judging
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


def test_the_secretariat_decides_any_conflict_the_chairs_too(judging, secretary):
    edition, chair, french, other, town, city = judging
    conflict = flag(chair, town)
    decided = services.conflict_decide(
        conflict_id=conflict.pk, by=secretary, confirm=True, reason="Former adviser."
    )
    assert (decided.status, decided.decided_by) == (ConflictStatus.CONFIRMED, secretary)


def test_a_post_without_a_decision_waives_nothing(client, judging):
    edition, chair, french, other, town, city = judging
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


# The admin follows the same rules ------------------------------------------------------


def test_the_admin_adds_no_juror_the_services_would_not_seat(client, judging, secretary):
    """Jurors join through juror_invite on the jury's pages, which flags their conflicts
    and gives them their entries; the admin cannot add one beside it."""
    edition, *_ = judging
    client.force_login(secretary)
    response = client.post(
        "/en/admin/jury/juror/add/",
        {"edition": edition.pk, "ref": "admin-added", "name": "Added", "role": "member"},
    )
    assert response.status_code == 403
    assert not Juror.objects.filter(edition=edition, ref="admin-added").exists()


def test_the_admin_shows_conflicts_but_cannot_decide_add_or_delete_them(client, judging, secretary):
    edition, chair, french, other, town, city = judging
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
    user = UserFactory.build(pk=2)
    user._in_secretariat = secretariat  # the membership, as User.is_secretariat reads it once
    conflicted = Juror(user_id=2 if who.endswith("self") else 1, role=conflicted_role)
    seats = {"chair": "chair", "co-chair": "chair", "member": "member", "self": conflicted_role}
    seat = Juror(user_id=2, role=seats[who]) if who in seats else None
    if who == "anonymous":
        user = AnonymousUser()
    with django_assert_num_queries(0):
        assert rules.may_decide_conflict(conflicted=conflicted, user=user, seat=seat) is allowed
