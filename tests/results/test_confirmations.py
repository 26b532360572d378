"""The irreversible steps of an edition ask first: the page lists what will happen and
what looks wrong; a POST without the explicit confirmation changes nothing."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError

from prize.enums import EditionState
from prize.models import Edition, EditionTransition
from results import services
from results.models import Certificate, PublicPagesVersion
from submissions.models import Photo
from tests.factories import EditionFactory, EntryFactory, UserFactory

PUBLISH = "/en/secretariat/editions/9/confirm/publish/"
TRANSITION = "/en/secretariat/editions/{number}/transition/"
PREVIEW = "/en/secretariat/editions/9/preview/"
REFUSED = "Nothing was done: read what this step will do, then confirm it here."
NO_STATEMENTS = [
    "Şişli Municipality (sisli), a laureate, has no statement of the jury.",
    "Крагујевац (kragujevac), a laureate, has no statement of the jury.",
    "Municipality of Surčin (surcin), a laureate, has no statement of the jury.",
]


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_edition_page_links_to_the_page_that_asks_before_publishing(client, decided, secretary):
    client.force_login(secretary)
    page = client.get("/en/secretariat/editions/9/").text
    assert f'<a class="button button-danger" href="{PUBLISH}">Publish the results…</a>' in page
    assert 'name="action" value="publish"' not in page


def test_the_publishing_page_says_who_gets_an_e_mail_and_what_becomes_public(
    client, decided, secretary
):
    client.force_login(secretary)
    response = client.get(PUBLISH)
    assert response.status_code == 200
    assert response.context["step"].consequences == [
        "5 authorities get an e-mail in the language of their entry (5 people in all).",
        "The results page of the edition becomes public.",
        "The laureate pages of these 3 entries become public: 1st place – Şişli "
        "Municipality (sisli); 2nd place ex aequo – Крагујевац (kragujevac); 2nd place "
        "ex aequo – Municipality of Surčin (surcin).",
        "3 certificates are issued, numbered DC9-…: 3 for laureates, 0 for participation.",
        "The results cannot be unpublished.",
    ]
    assert response.context["step"].warnings == NO_STATEMENTS
    assert response.context["problems"] == []
    assert f'href="{PREVIEW}"' in response.text
    assert 'name="confirm" value="yes" required' in response.text
    assert '<button type="submit" class="button-danger">Publish the results</button>' in (
        response.text
    )
    assert '<a href="/en/secretariat/editions/9/" class="cancel">Cancel</a>' in response.text


def test_the_publishing_page_warns_of_no_ceremony_date_and_no_signatories(
    client, decided, secretary
):
    edition, _entries = decided
    Edition.objects.filter(pk=edition.pk).update(ceremony_date=None, signatories=[])
    client.force_login(secretary)
    warnings = client.get(PUBLISH).context["step"].warnings
    assert warnings == [
        "No ceremony date: the results page and the certificates show none.",
        "No signatories: the certificates will carry no signature.",
        *NO_STATEMENTS,
    ]


def test_the_publishing_page_says_the_decision_is_not_approved(client, decided, secretary):
    edition, _entries = decided
    edition.decision.__class__.objects.filter(pk=edition.decision.pk).update(approved_at=None)
    client.force_login(secretary)
    response = client.get(PUBLISH)
    assert response.context["problems"] == [
        "The jury's decision has not been recorded and approved yet."
    ]
    assert response.context["step"].warnings[0] == (
        "The jury's decision has not been recorded and approved yet."
    )


def test_publishing_without_the_confirmation_changes_nothing(
    client, decided, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(TRANSITION.format(number=9), {"action": "publish"})
    assert response.status_code == 302
    assert response["Location"] == PUBLISH
    assert said(response) == [REFUSED]
    assert Edition.objects.get(number=9).state == EditionState.DELIBERATION
    assert not EditionTransition.objects.filter(action="publish").exists()
    assert Certificate.objects.count() == 0
    assert mail.outbox == []


def test_publishing_with_the_confirmation_publishes(
    client, decided, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(TRANSITION.format(number=9), {"action": "publish", "confirm": "yes"})
    assert said(response) == ["The edition is now: Results published."]
    assert Edition.objects.get(number=9).state == EditionState.PUBLISHED
    assert Certificate.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "jyvaskyla@example.org",
        "kragujevac@example.org",
        "reggio@example.org",
        "sisli@example.org",
        "surcin@example.org",
    ]
    assert client.get(PUBLISH).status_code == 404  # nothing left to confirm


# --- The preview ---------------------------------------------------------------------------


def test_the_preview_shows_the_laureates_and_publishes_nothing(client, decided, secretary):
    edition, entries = decided
    sisli = entries["sisli"]
    sisli.consent_publication = True
    sisli.save()
    shown = Photo.objects.create(entry=sisli, file="private/a.jpg", people="consented")
    Photo.objects.create(entry=sisli, file="private/b.jpg", people="")
    Photo.objects.create(entry=entries["surcin"], file="private/c.jpg", people="consented")
    token = PublicPagesVersion.objects.get().token
    client.force_login(secretary)
    response = client.get(PREVIEW)
    assert response.status_code == 200
    assert "Preview — not public yet." in response.text
    assert [g.label for g in response.context["groups"]] == ["1st place", "2nd place ex aequo"]
    assert [[r.entry.ref for r in g.results] for g in response.context["groups"]] == [
        ["sisli"],
        ["kragujevac", "surcin"],
    ]
    photos = {
        i.result.entry.ref: [p.photo for p in i.photos] for i in response.context["preview"].items
    }
    assert photos == {"sisli": [shown], "kragujevac": [], "surcin": []}
    assert "Şişli Municipality" in response.text
    assert "No statement of the jury." in response.text
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert Edition.objects.get(number=9).state == EditionState.DELIBERATION
    assert Certificate.objects.count() == 0
    assert PublicPagesVersion.objects.get().token == token
    client.logout()
    public = client.get("/en/editions/9/").text
    assert "The results of this edition have not been published yet." in public
    assert "Şişli Municipality" not in public


def test_the_preview_is_not_found_for_anyone_but_the_secretariat(client, decided):
    edition, entries = decided
    assert client.get(PREVIEW).status_code == 404
    client.force_login(entries["sisli"].authority.members.get())
    assert client.get(PREVIEW).status_code == 404
    client.force_login(edition.jurors.get(role="chair").user)
    assert client.get(PREVIEW).status_code == 404
    client.force_login(UserFactory())
    assert client.get(PREVIEW).status_code == 404


# --- Withdrawing the call and locking the scores -------------------------------------------


def test_withdrawing_the_call_asks_first_and_needs_the_confirmation(client, secretary):
    edition = EditionFactory(number=12, state=EditionState.OPEN)
    EntryFactory(edition=edition, ref="started", state="draft")
    client.force_login(secretary)
    page = client.get("/en/secretariat/editions/12/").text
    assert 'href="/en/secretariat/editions/12/confirm/withdraw_call/"' in page
    asking = client.get("/en/secretariat/editions/12/confirm/withdraw_call/")
    assert asking.context["step"].consequences == [
        "The edition goes back to draft: its call for entries leaves the public site.",
        "No authority can start or submit an entry until the call is opened again.",
        "Nobody gets an e-mail.",
    ]
    assert asking.context["step"].warnings == [
        "1 entry was already started or submitted: its authority is not told and cannot "
        "submit until the call is opened again."
    ]
    refused = client.post(TRANSITION.format(number=12), {"action": "withdraw_call"})
    assert said(refused) == [REFUSED]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.OPEN
    client.get(refused["Location"])  # shows (and so clears) the message
    done = client.post(TRANSITION.format(number=12), {"action": "withdraw_call", "confirm": "yes"})
    assert said(done) == ["The edition is now: Draft."]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.DRAFT


def test_locking_the_scores_asks_first_and_needs_the_confirmation(client, secretary):
    edition = EditionFactory(number=13, state=EditionState.JUDGING)
    client.force_login(secretary)
    asking = client.get("/en/secretariat/editions/13/confirm/start_deliberation/")
    assert asking.context["step"].consequences == [
        "The scores are locked: no juror can change or submit a score sheet any more.",
        "The chair sees the computed ranking and records the jury's decision.",
        "Nobody gets an e-mail.",
    ]
    assert asking.context["step"].warnings == []
    assert "Nothing: every check passed." in asking.text
    assert 'name="confirm_uneven"' not in asking.text
    refused = client.post(TRANSITION.format(number=13), {"action": "start_deliberation"})
    assert said(refused) == [REFUSED]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.JUDGING
    client.post(TRANSITION.format(number=13), {"action": "start_deliberation", "confirm": "yes"})
    assert Edition.objects.get(pk=edition.pk).state == EditionState.DELIBERATION


def test_only_the_irreversible_steps_have_a_page_that_asks(client, secretary):
    EditionFactory(number=14, state=EditionState.DRAFT)
    EditionFactory(number=15, state=EditionState.DRAFT)
    client.force_login(secretary)
    assert client.get("/en/secretariat/editions/14/confirm/open_call/").status_code == 404
    assert client.get("/en/secretariat/editions/15/confirm/publish/").status_code == 404


# --- Revoking a certificate -----------------------------------------------------------------


def test_revoking_asks_first_and_needs_the_confirmation(client, published, secretary):
    edition, entries = published
    certificate = Certificate.objects.get(entry=entries["sisli"])
    url = f"/en/certificates/{certificate.number}/revoke/"
    client.force_login(secretary)
    page = client.get(f"/en/certificates/{certificate.number}/").text
    assert f'<a class="button button-danger" href="{url}">Revoke this certificate…</a>' in page
    asking = client.get(url)
    assert asking.context["step"].consequences == [
        f"The verification page of certificate {certificate.number} says it is revoked, "
        "with the date and your reason, to anyone who checks it.",
        "This cannot be undone.",
        "Nobody gets an e-mail.",
    ]
    assert asking.context["step"].warnings == [
        "This is the laureate certificate of Şişli Municipality: the public results do not change.",
        "Şişli Municipality will have no valid certificate of this kind for sisli.",
    ]
    refused = client.post(url, {"reason": "Issued in error."})
    assert refused["Location"] == url
    assert said(refused) == [REFUSED]
    assert Certificate.objects.get(pk=certificate.pk).status == "valid"
    client.get(url)  # shows (and so clears) the message
    done = client.post(url, {"reason": "Issued in error.", "confirm": "yes"})
    assert said(done) == [f"Certificate {certificate.number} is revoked."]
    revoked = Certificate.objects.get(pk=certificate.pk)
    assert (revoked.status, revoked.revoked_reason) == ("revoked", "Issued in error.")


def test_the_service_refuses_an_irreversible_step_that_was_not_confirmed(decided, secretary):
    """Every path (the admin's one-click buttons, a script) goes through the service: it
    refuses too, so no path publishes without the page that asks."""
    edition, _entries = decided
    with pytest.raises(ValidationError) as error:
        services.edition_transition(edition_id=edition.pk, action="publish", by=secretary)
    assert error.value.messages == [
        "This step cannot simply be taken back: take it from the edition's page, which says "
        "what it will do and asks you to confirm."
    ]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.DELIBERATION
    assert Certificate.objects.count() == 0
