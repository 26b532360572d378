"""The authority's and the secretariat's Alliance pages through the test client: the
request form (and its refusals, which store nothing), the review and its decisions,
the private letter, the profile form."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from alliance import services
from alliance.enums import ParticipationState
from alliance.models import Participation, ParticipationTransition, Profile
from tests.alliance.conftest import ANSWERS, letter_upload
from tests.downloads import downloaded

pytestmark = pytest.mark.django_db
S = ParticipationState


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def post_request(client, authority, **overrides):
    data = {**ANSWERS, "letter": letter_upload(), "languages": "Serbian", **overrides}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(f"/en/authorities/{authority.pk}/alliance/", data)


def test_the_authority_page_offers_to_join_the_alliance(client, authority, member):
    client.force_login(member)
    html = client.get(f"/en/authorities/{authority.pk}/").content.decode()
    assert f'href="/en/authorities/{authority.pk}/alliance/">Join the Alliance</a>' in html
    assert "does not take part in the Alliance" in html


def test_a_member_asks_to_join_from_the_page(client, authority, member):
    client.force_login(member)
    response = post_request(client, authority)
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.state, participation.languages) == (S.REQUESTED, "Serbian")
    page = client.get(response["Location"]).content.decode()
    assert "Your request to join the Alliance is sent." in page
    assert '<span class="state state-requested">Requested</span>' in page
    assert "Request sent" in page  # the history


def test_a_pdf_name_on_something_else_is_refused_and_nothing_is_stored(client, authority, member):
    client.force_login(member)
    fake = letter_upload("letter.pdf", content=b"GIF89a not a pdf at all")
    response = post_request(client, authority, letter=fake)
    assert response.status_code == 400
    assert (
        "“letter.pdf” is not a PDF document, or it is incomplete. "
        "Save or export it as PDF and upload it again."
    ) in response.content.decode()
    assert not Participation.objects.exists()
    assert not ParticipationTransition.objects.exists()
    assert stored_files() == []


def test_a_missing_answer_is_named_and_nothing_is_stored(client, authority, member):
    client.force_login(member)
    response = post_request(client, authority, dialogue="")
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Answer this: “Mechanisms for dialogue and cooperation with local Roma communities”."
    ) in html
    assert ANSWERS["commitment"] in html  # what was typed is kept
    assert not Participation.objects.exists()
    assert stored_files() == []


def test_a_missing_letter_is_named(client, authority, member):
    client.force_login(member)
    response = post_request(client, authority, letter=None)
    assert response.status_code == 400
    assert "Attach the commitment letter (PDF)." in response.content.decode()
    assert not Participation.objects.exists()


def test_the_service_refuses_answers_of_blanks_even_without_the_form(authority, member):
    with pytest.raises(ValidationError) as refused:
        services.participation_request(
            authority_id=authority.pk,
            by=member,
            commitment="  ",
            activities="",
            dialogue="x",
            letter=letter_upload(content=b"not a pdf"),
        )
    assert set(refused.value.message_dict) == {"commitment", "activities", "letter"}
    assert stored_files() == []


@pytest.mark.parametrize("who", ["stranger", "juror"])
def test_other_people_do_not_see_an_authoritys_alliance_page(client, request, authority, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/en/authorities/{authority.pk}/alliance/").status_code == 404
    assert post_request(client, authority).status_code == 404
    assert client.get(f"/en/authorities/{authority.pk}/alliance/profile/").status_code == 404
    assert not Participation.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, authority):
    response = client.get(f"/en/authorities/{authority.pk}/alliance/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


# --- The letter --------------------------------------------------------------------------


def test_the_letter_is_served_to_members_and_the_secretariat_only(
    client, requested, authority, member, secretary, stranger, juror
):
    url = f"/en/authorities/{authority.pk}/alliance/letter.pdf"
    for person in (member, secretary):
        client.force_login(person)
        response = downloaded(client.get(url))
        assert response.status == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, max-age=300"
        assert response.body.startswith(b"%PDF-")
    for person in (stranger, juror):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# --- The secretariat ---------------------------------------------------------------------


def test_the_secretariat_finds_the_request_and_accepts_it(
    client, requested, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    dashboard = client.get("/en/secretariat/").content.decode()
    assert 'href="/en/secretariat/alliance/">Alliance requests</a>' in dashboard
    listing = client.get("/en/secretariat/alliance/?state=requested")
    assert [p.pk for p in listing.context["rows"]] == [requested.pk]
    assert client.get("/en/secretariat/alliance/?state=accepted").context["rows"] == []
    review = client.get(f"/en/secretariat/alliance/{requested.pk}/").content.decode()
    assert ANSWERS["dialogue"] in review
    assert f'href="/en/authorities/{requested.authority_id}/alliance/letter.pdf"' in review
    assert 'value="accept"' in review and 'value="decline"' in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/secretariat/alliance/{requested.pk}/", {"action": "accept", "note": ""}
        )
    assert response.status_code == 302
    assert Participation.objects.get().state == S.ACCEPTED
    assert len(mail.outbox) == 2


def test_a_decline_without_a_reason_is_a_400_with_the_sentence(client, requested, secretary):
    client.force_login(secretary)
    response = client.post(
        f"/en/secretariat/alliance/{requested.pk}/", {"action": "decline", "note": ""}
    )
    assert response.status_code == 400
    assert "Give the reason; the authority receives it by e-mail." in response.content.decode()
    assert Participation.objects.get().state == S.REQUESTED


def test_the_charter_date_is_recorded_from_the_review_page(client, requested, secretary):
    client.force_login(secretary)
    response = client.post(
        f"/en/secretariat/alliance/{requested.pk}/charter/", {"signed_on": "2025-03-04"}
    )
    assert response.status_code == 302
    assert str(Participation.objects.get().charter_signed_on) == "2025-03-04"
    bad = client.post(f"/en/secretariat/alliance/{requested.pk}/charter/", {"signed_on": "soon"})
    assert bad.status_code == 400
    assert "Enter a valid date." in bad.content.decode()


@pytest.mark.parametrize("who", ["member", "stranger", "juror"])
def test_only_the_secretariat_opens_the_review_pages(client, request, requested, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/secretariat/alliance/").status_code == 403
    assert client.get(f"/en/secretariat/alliance/{requested.pk}/").status_code == 403
    response = client.post(f"/en/secretariat/alliance/{requested.pk}/", {"action": "accept"})
    assert response.status_code == 403
    assert Participation.objects.get().state == S.REQUESTED


def test_an_unknown_request_is_not_found(client, secretary):
    client.force_login(secretary)
    assert client.get("/en/secretariat/alliance/999/").status_code == 404


# --- The profile form --------------------------------------------------------------------


def test_members_write_the_profile_at_any_time(client, authority, member):
    client.force_login(member)
    response = client.post(
        f"/en/authorities/{authority.pk}/alliance/profile/",
        {"language": "en", "economic": "Car industry and services.", "political": ""},
    )
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert (profile.economic, profile.political, profile.updated_by) == (
        "Car industry and services.",
        "",
        member,
    )
    form = client.get(f"/en/authorities/{authority.pk}/alliance/profile/").content.decode()
    assert "Car industry and services." in form
    assert "becomes public when your authority takes part" in form


def test_asking_again_while_the_request_waits_says_so(client, requested, authority, member):
    client.force_login(member)
    response = post_request(client, authority)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your request to join is with the secretariat already." in page
    assert ParticipationTransition.objects.count() == 1


def test_the_authority_answers_a_request_for_information_from_the_page(
    client, requested, authority, member, secretary
):
    services.participation_transition(
        participation_id=requested.pk, action="request_info", by=secretary, note="Who signs?"
    )
    client.force_login(member)
    form = client.get(f"/en/authorities/{authority.pk}/alliance/").content.decode()
    assert "Who signs?" in form  # the secretariat's question
    assert ANSWERS["activities"] in form  # the answers sent, to complete
    assert "Leave empty to keep the letter you sent" in form
    response = post_request(client, authority, letter=None, activities="The mayor signs.")
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.state, participation.activities) == (S.REQUESTED, "The mayor signs.")
