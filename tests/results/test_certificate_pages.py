"""The public verification page, the authority's downloads and the secretariat's
certificate pages."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from prize import services
from prize.enums import EditionState
from prize.models import Edition
from results import services as results_services
from results.enums import CertificateStatus
from results.models import Certificate
from tests.downloads import downloaded
from tests.factories import UserFactory
from tests.results.test_certificate_pdf import scanned
from tests.results.test_public_pages import text_of

pytestmark = pytest.mark.django_db


def certificate_of(entries, ref) -> Certificate:
    return Certificate.objects.get(entry=entries[ref], status=CertificateStatus.VALID)


def test_verification_page_of_a_valid_certificate_states_its_facts(client, published):
    edition, entries = published
    number = certificate_of(entries, "kragujevac").number
    response = client.get(f"/en/certificates/{number}/")
    assert response.status_code == 200
    text = text_of(response)
    assert f"Certificate {number}" in text
    assert "Valid." in text
    assert "Awarded to Крагујевац (Serbia)" in text
    assert "Distinction 2nd place ex aequo" in text
    assert "Prize 9th Dosta!-Congress Prize" in text
    assert "20 October 2027, 53rd Session of the Congress, Strasbourg" in text
    assert "A. Example, President of the Congress" in text
    assert f"http://testserver/c/{number}" in text


def test_verification_page_in_french(client, published):
    edition, entries = published
    number = certificate_of(entries, "surcin").number
    text = text_of(client.get(f"/fr/certificates/{number}/"))
    assert "2e place ex aequo" in text
    assert "9e Prix Dosta!-Congrès" in text
    assert "20 octobre 2027" in text


def test_verification_accepts_a_number_typed_loosely(client, published):
    edition, entries = published
    number = certificate_of(entries, "sisli").number
    typed = number.lower().replace("0", "o").replace("1", "l")
    assert client.get(f"/en/certificates/{typed}/").status_code == 200


def test_short_url_leads_to_the_page_in_the_visitors_language(client, published):
    edition, entries = published
    number = certificate_of(entries, "sisli").number
    response = client.get(f"/c/{number}", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == f"/fr/certificates/{number}/"


def test_unknown_number_gets_a_clear_404_page(client, published):
    response = client.get("/en/certificates/DC9-ZZZZZZ/")
    assert response.status_code == 404
    text = text_of(response)
    assert "No such certificate" in text
    assert "No certificate of the Dosta!-Congress Prize has the number “DC9-ZZZZZZ”." in text


def test_certificate_of_an_edition_whose_results_are_not_public_is_unknown(client, published):
    edition, entries = published
    number = certificate_of(entries, "sisli").number
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    assert client.get(f"/en/certificates/{number}/").status_code == 404


def test_superseded_certificate_points_to_its_replacement(
    client, published, secretary, django_capture_on_commit_callbacks
):
    edition, entries = published
    old = certificate_of(entries, "sisli")
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_update(edition_id=edition.pk, by=secretary, ceremony_place="Paris")
    new = certificate_of(entries, "sisli")
    response = client.get(f"/en/certificates/{old.number}/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Superseded." in text
    assert f"See certificate {new.number}" in text
    assert f'href="/en/certificates/{new.number}/"' in response.content.decode()
    assert "Ceremony 20 October 2027, 53rd Session of the Congress, Strasbourg" in text
    replacement = text_of(client.get(f"/en/certificates/{new.number}/"))
    assert "Ceremony 20 October 2027, 53rd Session of the Congress, Paris" in replacement


def test_secretariat_revokes_a_certificate_with_a_reason(client, published, secretary):
    edition, entries = published
    number = certificate_of(entries, "sisli").number
    client.force_login(secretary)
    refused = client.post(
        f"/en/certificates/{number}/revoke/", {"reason": "  ", "confirm": "yes"}, follow=True
    )
    assert "Give the reason; the verification page shows it." in text_of(refused)
    assert refused.status_code == 400
    typed = "Issued to the wrong authority. " * 70  # over the 2,000 characters kept
    too_long = client.post(
        f"/en/certificates/{number}/revoke/", {"reason": typed, "confirm": "yes"}
    )
    assert too_long.status_code == 400
    assert typed in too_long.content.decode()  # what was typed comes back, to shorten
    assert "error-summary" in too_long.content.decode()
    client.post(
        f"/en/certificates/{number}/revoke/", {"reason": "Issued in error.", "confirm": "yes"}
    )
    client.logout()
    text = text_of(client.get(f"/en/certificates/{number}/"))
    assert "Revoked." in text
    assert "Reason: Issued in error." in text


def test_revoking_is_for_the_secretariat_only(client, published):
    edition, entries = published
    number = certificate_of(entries, "sisli").number
    client.force_login(entries["sisli"].authority.members.get())
    assert client.post(f"/en/certificates/{number}/revoke/", {"reason": "x"}).status_code == 403
    assert Certificate.objects.get(number=number).status == CertificateStatus.VALID


@pytest.mark.parametrize("site_url", ["http://testserver", "https://prize.example.eu/"])
def test_stored_certificates_qr_code_scans_to_its_verification_page(
    client, decided, secretary, settings, site_url, django_capture_on_commit_callbacks
):
    """The PDF the worker stored at publication, rendered and read by a QR decoder as a
    phone would: the site's address and the certificate's short path, which leads to
    the certificate's page."""
    settings.SITE_URL = site_url
    edition, entries = decided
    with django_capture_on_commit_callbacks(execute=True):
        results_services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    certificate = certificate_of(entries, "kragujevac")
    with certificate.file.open("rb") as handle:
        pdf = handle.read()
    address = f"{site_url.rstrip('/')}/c/{certificate.number}"
    assert scanned(pdf, 0) == [address]
    assert scanned(pdf, 1) == [address]
    page = client.get(f"/c/{certificate.number}", follow=True)
    assert "Awarded to Крагујевац (Serbia)" in text_of(page)


def test_members_download_their_certificate_and_nobody_else_does(client, published, secretary):
    edition, entries = published
    number = certificate_of(entries, "sisli").number
    url = f"/en/certificates/{number}/pdf/"
    assert client.get(url).status_code == 404
    client.force_login(entries["surcin"].authority.members.get())
    assert client.get(url).status_code == 404
    for person in (entries["sisli"].authority.members.get(), secretary):
        client.force_login(person)
        response = downloaded(client.get(url))
        assert response.status == 200
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="{number}.pdf"' in response["Content-Disposition"]
        assert response.body.startswith(b"%PDF-")


def test_my_certificates_lists_the_authoritys_own(client, published):
    edition, entries = published
    client.force_login(entries["surcin"].authority.members.get())
    response = client.get("/en/certificates/")
    text = text_of(response)
    number = certificate_of(entries, "surcin").number
    assert f"{number} 9th Dosta!-Congress Prize Municipality of Surčin 2nd place ex aequo" in text
    assert certificate_of(entries, "sisli").number not in text


def test_secretariat_downloads_every_certificate_as_one_zip(client, published, secretary):
    edition, entries = published
    client.force_login(secretary)
    response = client.get("/en/secretariat/editions/9/certificates.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    expected = sorted(
        f"laureate/{c.number}-{c.entry.ref}.pdf"
        for c in Certificate.objects.filter(status=CertificateStatus.VALID)
    )
    assert names == expected
    assert all(archive.read(name).startswith(b"%PDF-") for name in names)


def test_secretariat_pages_are_refused_to_others(client, published):
    edition, entries = published
    client.force_login(UserFactory())
    for url in (
        "/en/secretariat/editions/9/certificates/",
        "/en/secretariat/editions/9/certificates/progress/",
        "/en/secretariat/editions/9/certificates.zip",
    ):
        assert client.get(url).status_code == 403, url


def test_secretariat_follows_the_run_and_regenerates(client, published, secretary):
    edition, entries = published
    client.force_login(secretary)
    page = client.get("/en/secretariat/editions/9/certificates/")
    assert "Done – 3 of 3 rendered" in text_of(page)
    progress = client.get("/en/secretariat/editions/9/certificates/progress/").json()
    assert progress == {
        "state": "done",
        "state_label": "Done",
        "done": 3,
        "total": 3,
        "percent": 100,
        "error": "",
    }
    response = client.post("/en/secretariat/editions/9/certificates/generate/", follow=True)
    assert "Every certificate is up to date." in text_of(response)


def test_revoking_an_unknown_number_is_a_404(client, published, secretary):
    client.force_login(secretary)
    assert client.post("/en/certificates/DC9-ZZZZZZ/revoke/", {"reason": "x"}).status_code == 404
    with pytest.raises(ValidationError, match="No certificate has this number."):
        results_services.certificate_revoke(number="DC9-ZZZZZZ", by=secretary, reason="x")
