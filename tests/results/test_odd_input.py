"""Odd input the fuzz suite (tests/fuzz/) found on the certificate and secretariat pages:
each is refused with a sentence for the person or a 404, never a server error, and
nothing is written."""

import pytest

from prize.enums import EditionState
from prize.models import Edition
from results.enums import CertificateStatus
from results.models import Certificate
from tests.factories import EditionFactory
from tests.results.test_edition_lifecycle import EDITION_FORM

pytestmark = pytest.mark.django_db


def test_a_nul_character_in_the_revocation_reason_is_refused(client, published, secretary):
    number = Certificate.objects.filter(status=CertificateStatus.VALID).first().number
    client.force_login(secretary)
    response = client.post(
        f"/en/certificates/{number}/revoke/",
        {"reason": "Issued\x00 in error.", "confirm": "yes"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Null characters are not allowed."]
    assert "Null characters are not allowed." in response.content.decode()
    assert "Issued in error." in response.content.decode()  # kept, without the NUL
    assert "\x00" not in response.content.decode()
    assert Certificate.objects.get(number=number).status == CertificateStatus.VALID


@pytest.mark.parametrize("path", ["", "pdf/", "revoke/"])
def test_a_certificate_number_with_a_nul_character_is_not_found(client, published, path, secretary):
    client.force_login(secretary)
    method = client.post if path == "revoke/" else client.get
    assert method(f"/en/certificates/DC9-%00/{path}").status_code == 404


@pytest.mark.parametrize("path", ["%0A/", "a%0Ab/", "%0D%0A/", "x/%0A/"])
def test_an_api_path_with_a_line_break_gets_the_apis_json_404(client, path):
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found. The API's endpoints are listed at /api/v1/."}


@pytest.mark.parametrize("deadline", ["0001-01-01T00:05", "1999-12-31T23:59", "9999-12-31T23:59"])
def test_a_deadline_outside_the_years_of_calls_is_refused(client, secretary, deadline):
    """Midnight of year 1 in Strasbourg is before year 1 in UTC: it could not be stored."""
    edition = EditionFactory(number=12, state=EditionState.DRAFT)
    client.force_login(secretary)
    data = EDITION_FORM | {"number": 12, "submission_deadline": deadline}
    response = client.post("/en/secretariat/editions/12/", data)
    assert response.status_code == 400
    assert "Give a deadline between the years 2000 and 2100." in response.text
    assert Edition.objects.get(pk=edition.pk).submission_deadline == edition.submission_deadline
