"""The authority's and the secretariat's pages: registration, authorities, the entry
form (nothing typed is ever lost), private files, screening."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from prize.enums import EditionState
from submissions import services
from submissions.enums import EntryState
from submissions.models import Authority, Entry
from tests.downloads import downloaded
from tests.factories import PASSWORD, AuthorityFactory, EditionFactory, EntryFactory, UserFactory
from tests.submissions.conftest import PHOTO_TEXT, jpeg_upload, pdf_bytes, resume_marker

pytestmark = pytest.mark.django_db


# Registration -------------------------------------------------------------------------


def register(client, email="new@cluj.example", language="fr"):
    return client.post(
        "/en/accounts/register/",
        {"email": email, "name": "Ioana Pop", "language": language, "password": PASSWORD},
    )


def test_register_confirm_by_link_then_logged_in(client):
    assert register(client).status_code == 302
    user = User.objects.get(email="new@cluj.example")
    assert not user.is_active
    assert not client.login(username="new@cluj.example", password=PASSWORD)
    message = mail.outbox[0]
    assert message.subject == "Confirmez votre adresse électronique"
    link = re.search(r"http://testserver(/fr/accounts/confirm/\S+/)", message.body).group(1)
    response = client.get(link)
    assert response["Location"] == "/fr/start/"
    # Nobody's member yet: on to taking part (register an authority, or join one).
    assert client.get("/fr/start/")["Location"] == "/fr/take-part/"
    user.refresh_from_db()
    assert user.is_active
    assert client.get("/en/take-part/").context["user"] == user


def test_a_used_confirmation_link_does_not_log_in_again(client):
    register(client)
    link = re.search(r"(/fr/accounts/confirm/\S+/)", mail.outbox[0].body).group(1)
    client.get(link)
    client.logout()
    response = client.get(link)
    assert response["Location"] == "/fr/accounts/login/"


def test_a_broken_confirmation_link_says_what_to_do(client):
    response = client.get("/en/accounts/confirm/not-a-token/")
    assert response.status_code == 400
    assert "This link is not valid. Copy the whole link from the e-mail." in response.text


def test_registering_a_known_address_reveals_nothing_and_mails_its_owner(client):
    UserFactory(email="known@cluj.example")
    response = register(client, email="Known@Cluj.example")
    assert response["Location"] == "/en/accounts/register/sent/"
    assert User.objects.filter(email="known@cluj.example").count() == 1
    assert mail.outbox[0].subject == "You already have an account"


@pytest.mark.parametrize("known", [False, True], ids=["new-address", "known-address"])
def test_a_mail_server_that_refuses_changes_nothing_the_registrant_sees(
    client, mail_server_down, known
):
    """The confirmation is sent by the task worker: a refusal there is its own failure,
    and the page answers the same for any address."""
    if known:
        UserFactory(email="new@cluj.example")
    response = register(client)
    assert response["Location"] == "/en/accounts/register/sent/"
    assert User.objects.filter(email="new@cluj.example").count() == 1


def test_registration_with_a_weak_password_keeps_what_was_typed(client):
    response = client.post(
        "/en/accounts/register/",
        {"email": "x@cluj.example", "name": "Ioana", "language": "en", "password": "123"},
    )
    assert response.status_code == 400
    assert 'value="x@cluj.example"' in response.text
    assert not User.objects.filter(email="x@cluj.example").exists()


# Authorities ----------------------------------------------------------------------------


AUTHORITY = {
    "name": "Municipality of Cluj-Napoca",
    "name_local": "Municipiul Cluj-Napoca",
    "kind": "municipality",
    "country": "RO",
    "address": "Str. Moților 3",
    "website": "https://primariaclujnapoca.ro",
    "contact_name": "Ioana Pop",
    "contact_email": "ioana@cluj.example",
    "contact_phone": "",
}


def test_create_an_authority_makes_its_creator_a_member(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/en/authorities/new/", AUTHORITY)
    authority = Authority.objects.get(name="Municipality of Cluj-Napoca")
    assert response["Location"] == f"/en/authorities/{authority.pk}/"
    assert list(authority.members.all()) == [user]
    page = client.get(response["Location"]).text
    assert "The secretariat has not verified this authority yet." in page


def test_an_authority_outside_the_council_of_europe_is_refused(client):
    client.force_login(UserFactory())
    response = client.post("/en/authorities/new/", {**AUTHORITY, "country": "US"})
    assert response.status_code == 400
    assert 'value="Municipality of Cluj-Napoca"' in response.text
    assert not Authority.objects.exists()


def test_registering_an_existing_authority_says_how_to_join_it(client, authority):
    client.force_login(UserFactory())
    response = client.post(
        "/en/authorities/new/", {**AUTHORITY, "name": "city of ghent", "country": "BE"}
    )
    assert response.status_code == 400
    assert "Ask a colleague who manages it to invite you" in response.text


def test_invite_a_colleague_who_joins_with_the_invited_address(client, authority, member):
    client.force_login(member)
    response = client.post(
        f"/en/authorities/{authority.pk}/invite/", {"email": "Carla@Ghent.example"}
    )
    assert response.status_code == 302
    path = re.search(r"http://testserver(/en/join/\S+/)", mail.outbox[0].body).group(1)
    stranger = UserFactory(email="someone@else.example")
    client.force_login(stranger)
    refused = client.post(path)
    assert refused.status_code == 400
    assert "This invitation was sent to carla@ghent.example." in refused.text
    carla = UserFactory(email="carla@ghent.example")
    client.force_login(carla)
    assert client.post(path)["Location"] == f"/en/authorities/{authority.pk}/"
    assert carla in authority.members.all()
    assert client.post(path).status_code == 400  # used once


def test_another_authoritys_pages_are_404(client, authority, other_member, draft):
    client.force_login(other_member)
    for url in (
        f"/en/authorities/{authority.pk}/",
        f"/en/authorities/{authority.pk}/edit/",
        f"/en/entries/{draft.ref}/",
        f"/en/entries/{draft.ref}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/en/entries/{draft.ref}/edit/", {"version": 1}).status_code == 404
    assert client.post(f"/en/entries/{draft.ref}/withdraw/").status_code == 404


def test_secretariat_verifies_an_authority_once(client, authority, secretary):
    client.force_login(secretary)
    client.post(f"/en/secretariat/authorities/{authority.pk}/verify/")
    authority.refresh_from_db()
    assert authority.verified_by == secretary
    response = client.post(f"/en/secretariat/authorities/{authority.pk}/verify/", follow=True)
    assert "City of Ghent is already verified." in response.text


def test_only_the_secretariat_verifies(client, authority, member):
    client.force_login(member)
    assert client.post(f"/en/secretariat/authorities/{authority.pk}/verify/").status_code == 403
    authority.refresh_from_db()
    assert authority.verified_at is None


# The entry form -------------------------------------------------------------------------


def form_data(entry, **changes):
    data = {
        "version": entry.version,
        "language": "en",
        "title_en": "Schools for all",
        "title_fr": "",
        "summary": "A summary.",
        "description": "",
        "action": "save",
    }
    data.update(changes)
    return data


def test_save_a_draft_with_almost_nothing(client, draft, member):
    client.force_login(member)
    response = client.post(f"/en/entries/{draft.ref}/edit/", form_data(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.summary, draft.version) == (
        {"en": "Schools for all"},
        {"en": "A summary."},
        2,
    )


def test_a_validation_error_keeps_every_word_and_the_draft(client, draft, member):
    client.force_login(member)
    response = client.post(
        f"/en/entries/{draft.ref}/edit/",
        form_data(draft, summary="x" * 1001, title_en="My unsaved title"),
    )
    assert response.status_code == 400
    assert "Nothing was saved: correct the fields marked below" in response.text
    assert 'value="My unsaved title"' in response.text
    assert "x" * 1001 in response.text
    draft.refresh_from_db()
    assert draft.title is None


def test_html_and_script_in_text_are_shown_as_text(client, draft, member, secretary):
    script = '<script>alert("x")</script><b>bold</b>'
    client.force_login(member)
    client.post(
        f"/en/entries/{draft.ref}/edit/",
        form_data(draft, title_en=script, summary=script, description=script),
    )
    for person, url in (
        (member, f"/en/entries/{draft.ref}/"),
        (secretary, f"/en/secretariat/entries/{draft.ref}/"),
    ):
        client.force_login(person)
        page = client.get(url).text
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page


def test_a_failed_upload_keeps_the_text_saved_and_the_photo_fields(client, draft, member):
    client.force_login(member)
    fake = SimpleUploadedFile("holiday.jpg", b"this is not an image", content_type="image/jpeg")
    response = client.post(
        f"/en/entries/{draft.ref}/edit/",
        {
            **form_data(draft, results="Typed before the upload."),
            "photo": fake,
            "photo_caption": "My caption",
        },
    )
    assert response.status_code == 400
    assert "“holiday.jpg” is not a JPEG, PNG or WebP image." in response.text
    assert 'value="My caption"' in response.text
    draft.refresh_from_db()
    assert draft.results == "Typed before the upload."
    assert draft.photos.count() == 0


def test_a_photo_is_added_with_its_texts_and_the_form_comes_back_clean(client, draft, member):
    client.force_login(member)
    data = {
        **form_data(draft),
        "photo": jpeg_upload(),
        "photo_caption": PHOTO_TEXT["caption"],
        "photo_credit": PHOTO_TEXT["credit"],
        "photo_alt": PHOTO_TEXT["alt"],
        "photo_people": "consented",
    }
    response = client.post(f"/en/entries/{draft.ref}/edit/", data)
    assert response.status_code == 302
    photo = draft.photos.get()
    assert (photo.caption, photo.alt) == ({"en": PHOTO_TEXT["caption"]}, {"en": PHOTO_TEXT["alt"]})
    assert photo.people == "consented"
    assert re.fullmatch(r"private/photos/[0-9a-f]{32}\.jpg", photo.file.name)


def test_a_photo_without_its_texts_is_not_added(client, draft, member):
    client.force_login(member)
    response = client.post(
        f"/en/entries/{draft.ref}/edit/", {**form_data(draft), "photo": jpeg_upload()}
    )
    assert response.status_code == 400
    assert "Describe the photo for people who cannot see it (alternative text)." in response.text
    assert draft.photos.count() == 0


def test_a_pdf_attachment_is_checked_by_content(client, draft, member):
    client.force_login(member)
    fake = SimpleUploadedFile("annex.pdf", b"%PNG not a pdf", content_type="application/pdf")
    response = client.post(
        f"/en/entries/{draft.ref}/edit/", {**form_data(draft), "attachment": fake}
    )
    assert response.status_code == 400
    assert draft.attachments.count() == 0
    real = SimpleUploadedFile("../../Annex: budget.pdf", pdf_bytes(), content_type="text/plain")
    draft.refresh_from_db()
    response = client.post(
        f"/en/entries/{draft.ref}/edit/", {**form_data(draft), "attachment": real}
    )
    assert response.status_code == 302
    attachment = draft.attachments.get()
    assert "/" not in attachment.name and ".." not in attachment.name


def test_two_members_on_one_draft_the_later_save_is_told_and_keeps_its_text(client, draft, member):
    colleague = UserFactory(name="Colleague Carla")
    draft.authority.members.add(colleague)
    client.force_login(colleague)
    client.post(f"/en/entries/{draft.ref}/edit/", form_data(draft, results="Carla's text"))
    client.force_login(member)
    response = client.post(f"/en/entries/{draft.ref}/edit/", form_data(draft, results="Ana's text"))
    assert response.status_code == 409
    assert "Colleague Carla saved this entry at" in response.text
    assert "Ana&#x27;s text" in response.text
    draft.refresh_from_db()
    assert draft.results == "Carla's text"
    again = client.post(f"/en/entries/{draft.ref}/edit/", form_data(draft, results="Ana's text"))
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.results == "Ana's text"


def test_an_expired_session_keeps_what_was_typed_until_after_login(client, draft, member):
    url = f"/en/entries/{draft.ref}/edit/"
    typed = form_data(draft, results="Typed for an hour.", resume=resume_marker(member, url))
    response = client.post(url, typed)
    assert response["Location"] == f"/en/accounts/login/?next=/en/entries/{draft.ref}/edit/"
    login = client.post(response["Location"], {"username": member.email, "password": PASSWORD})
    page = client.get(login["Location"])
    assert "Typed for an hour." in page.text
    assert "What you typed before logging in is back in the form. Save it." in page.text
    draft.refresh_from_db()
    assert draft.results == ""


def test_a_refused_submit_saves_the_draft_and_lists_what_is_missing(client, draft, member):
    client.force_login(member)
    response = client.post(
        f"/en/entries/{draft.ref}/edit/", form_data(draft, action="submit", results="Kept.")
    )
    assert response.status_code == 400
    assert "Your draft is saved, but it was not submitted yet." in response.text
    assert "Add at least one photo." in response.text
    draft.refresh_from_db()
    assert (draft.state, draft.results) == (EntryState.DRAFT, "Kept.")


def test_submit_from_the_form_then_a_double_click_changes_nothing(
    client, ready, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    data = {
        **{k: v for k, v in form_data(ready).items() if k != "summary"},
        **_ready_form(ready),
        "action": "submit",
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/en/entries/{ready.ref}/edit/", data)
        second = client.post(f"/en/entries/{ready.ref}/edit/", data, follow=True)
    assert first["Location"] == f"/en/entries/{ready.ref}/"
    assert "This entry is “Submitted”: it can no longer be changed." in second.text
    assert len(mail.outbox) == 1
    assert Entry.objects.get(pk=ready.pk).state == EntryState.SUBMITTED


def _ready_form(entry):
    entry.refresh_from_db()
    data = {
        "version": entry.version,
        "summary": entry.summary["en"],
        "description": entry.description["en"],
        "title_fr": entry.title["fr"],
        "project_start": entry.project_start.isoformat(),
        "project_end": entry.project_end.isoformat(),
        "budget": str(entry.budget),
        "funding": entry.funding,
        "participation": entry.participation,
        "results": entry.results,
        "consent_publication": "on",
        "partner_0_name": entry.partners[0]["name"],
        "partner_0_roma": "on",
    }
    data.update({f"statement_{k}": v for k, v in entry.statements.items()})
    for photo in entry.photos.all():
        data.update(
            {
                f"photo_{photo.pk}_caption": photo.caption["en"],
                f"photo_{photo.pk}_credit": photo.credit,
                f"photo_{photo.pk}_alt": photo.alt["en"],
                f"photo_{photo.pk}_people": photo.people,
            }
        )
    return data


def test_the_receipt_can_be_downloaded_after_submitting(client, ready, member):
    services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    client.force_login(member)
    response = client.get(f"/en/entries/{ready.ref}/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


# Private files --------------------------------------------------------------------------


def test_photos_are_private_until_published(client, ready, member, other_member, secretary):
    photo = ready.photos.get()
    url = f"/en/files/photos/{photo.pk}/large/"
    client.force_login(member)
    response = downloaded(client.get(url))
    assert response.status == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response.body.startswith(b"\xff\xd8")
    client.force_login(secretary)
    ok = downloaded(client.get(url))
    assert ok.status == 200
    assert ok.body.startswith(b"\xff\xd8")
    client.force_login(other_member)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(f"/en/files/photos/{photo.pk}/original/").status_code == 404


def test_attachments_are_private(client, draft, member, other_member):
    upload = SimpleUploadedFile("annex.pdf", pdf_bytes(), content_type="application/pdf")
    attachment = services.attachment_add(entry_id=draft.pk, by=member, upload=upload)
    url = f"/en/files/attachments/{attachment.pk}/"
    client.force_login(member)
    response = downloaded(client.get(url))
    assert response.status == 200
    assert response["Content-Disposition"] == 'attachment; filename="annex.pdf"'
    assert response.body.startswith(b"%PDF-")
    client.force_login(other_member)
    assert client.get(url).status_code == 404


# Screening ------------------------------------------------------------------------------


def test_screening_page_filters_by_state_and_country_with_counts(client, secretary, edition):
    for country, state in (("FR", "submitted"), ("FR", "eligible"), ("RO", "submitted")):
        EntryFactory(edition=edition, authority__country=country, state=state)
    EntryFactory(edition=edition, state="draft")
    client.force_login(secretary)
    page = client.get(
        f"/en/secretariat/editions/{edition.number}/entries/?state=submitted&country=FR"
    )
    assert [e.authority.country for e in page.context["rows"]] == ["FR"]
    assert page.context["total"] == 3
    assert page.context["drafts"] == 1
    assert ("submitted", "Submitted", 2) in page.context["states"]


def test_screening_page_runs_the_same_queries_for_2_and_20_entries(
    client, secretary, edition, count_queries
):
    url = f"/en/secretariat/editions/{edition.number}/entries/"
    client.force_login(secretary)
    for _ in range(2):
        EntryFactory(edition=edition)
    client.get(url)  # warm the session
    small = count_queries(lambda: client.get(url))
    for _ in range(18):
        EntryFactory(edition=edition)
    large = count_queries(lambda: client.get(url))
    assert len(client.get(url).context["rows"]) == 20
    assert large == small


def test_bulk_eligible_goes_entry_by_entry_and_reports_failures(client, secretary, edition):
    verified = EntryFactory(edition=edition, state="submitted")
    services.authority_verify(authority_id=verified.authority_id, by=secretary)
    unverified = EntryFactory(edition=edition, state="submitted")
    client.force_login(secretary)
    response = client.post(
        f"/en/secretariat/editions/{edition.number}/entries/",
        {
            "action": "mark_eligible",
            "confirm_checklist": "on",
            "entries": [verified.ref, unverified.ref],
        },
    )
    assert response.context["report"] == [
        (verified, True, ""),
        (unverified, False, "Verify the authority first."),
    ]
    # Each entry named as people know it, and why one was not done.
    assert f'{unverified.display_title} <span class="meta">' in response.text
    assert "not done — Verify the authority first." in response.text
    assert Entry.objects.get(pk=verified.pk).state == EntryState.ELIGIBLE
    assert Entry.objects.get(pk=unverified.pk).state == EntryState.SUBMITTED


def test_screening_pages_are_for_the_secretariat_only(client, member, edition, draft):
    client.force_login(member)
    assert client.get(f"/en/secretariat/editions/{edition.number}/entries/").status_code == 403
    assert client.get(f"/en/secretariat/entries/{draft.ref}/").status_code == 403


def test_screen_one_entry_with_the_checklist(client, secretary, ready, member):
    services.authority_verify(authority_id=ready.authority_id, by=secretary)
    services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    client.force_login(secretary)
    url = f"/en/secretariat/entries/{ready.ref}/"
    refused = client.post(url, {"action": "mark_eligible", "check_member_state": "on"})
    assert refused.status_code == 400
    assert "Tick every item of the checklist" in refused.text
    checks = {
        f"check_{c}": "on"
        for c in ("member_state", "local_authority", "period", "targets_roma", "complete")
    }
    assert client.post(url, {"action": "mark_eligible", **checks}).status_code == 302
    assert Entry.objects.get(pk=ready.pk).state == EntryState.ELIGIBLE


def test_the_authority_timeline_hides_internal_notes(client, secretary, ready, member):
    services.authority_verify(authority_id=ready.authority_id, by=secretary)
    services.entry_transition(entry_id=ready.pk, action="submit", by=member)
    services.entry_transition(
        entry_id=ready.pk,
        action="mark_ineligible",
        by=secretary,
        note="Outside the period.",
        internal_note="Mayor called twice.",
    )
    client.force_login(member)
    page = client.get(f"/en/entries/{ready.ref}/").text
    assert "Outside the period." in page
    assert "Mayor called twice." not in page
    client.force_login(secretary)
    assert "Mayor called twice." in client.get(f"/en/secretariat/entries/{ready.ref}/").text


def test_an_authority_with_an_entry_in_the_open_call_is_led_to_it_not_offered_another(client):
    edition = EditionFactory(state=EditionState.OPEN)
    member = UserFactory(email="lea@ghent.example", language="en")
    authority = AuthorityFactory(name="City of Ghent", country="BE")
    authority.members.add(member)
    client.force_login(member)
    before = client.get(f"/en/authorities/{authority.pk}/").text
    assert "Start an entry for the" in before
    entry = services.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    after = client.get(f"/en/authorities/{authority.pk}/").text
    assert "Start an entry for the" not in after
    assert f'href="{entry.get_absolute_url()}">Go to your entry for the' in after
