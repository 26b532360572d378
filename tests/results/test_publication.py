"""Publishing an edition: entries awarded or not, the results e-mail in each entry's
language, certificates issued and rendered, and reissued when their facts change."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from prize import services
from prize.enums import EditionState
from prize.forms import EditionForm
from results import services as results_services
from results.enums import CertificateKind, CertificateStatus, RunState
from results.models import Certificate, CertificateRun
from submissions.models import Entry, EntryTransition
from submissions.services import authority_update
from tests.results.conftest import SIGNATORIES

pytestmark = pytest.mark.django_db
NUMBER = re.compile(r"^DC9-[0-9A-HJKMNP-TV-Z]{6}$")


def states(edition) -> dict[str, str]:
    return dict(Entry.objects.filter(edition=edition).values_list("ref", "state"))


def pdf_text(certificate) -> list[str]:
    with certificate.file.open("rb") as handle:
        reader = PdfReader(BytesIO(handle.read()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_publishing_marks_laureates_awarded_and_the_others_not(published):
    edition, entries = published
    assert edition.state == EditionState.PUBLISHED
    assert states(edition) == {
        "sisli": "awarded",
        "surcin": "awarded",
        "kragujevac": "awarded",
        "jyvaskyla": "not_awarded",
        "reggio": "ineligible",
    }
    log = EntryTransition.objects.filter(entry__edition=edition).order_by("entry__ref")
    assert [(t.entry.ref, t.action, t.source, t.target) for t in log] == [
        ("jyvaskyla", "not_award", "eligible", "not_awarded"),
        ("kragujevac", "award", "eligible", "awarded"),
        ("sisli", "award", "eligible", "awarded"),
        ("surcin", "award", "eligible", "awarded"),
    ]


def test_publishing_without_approved_decision_changes_nothing(decided, secretary):
    edition, entries = decided
    edition.decision.approved_at = None
    edition.decision.save()
    with pytest.raises(Exception, match="recorded and approved"):
        results_services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    assert set(states(edition).values()) == {"eligible", "ineligible"}
    assert not Certificate.objects.exists()


def test_results_mail_reaches_every_authority_in_the_language_of_its_entry(published, mailoutbox):
    edition, entries = published
    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == [
        "jyvaskyla@example.org",
        "kragujevac@example.org",
        "reggio@example.org",
        "sisli@example.org",
        "surcin@example.org",
    ]
    sisli = by_address["sisli@example.org"]
    assert sisli.subject == "The results of the 9th Dosta!-Congress Prize"
    assert "awarded Şişli Municipality the 1st place" in sisli.body
    assert "http://testserver/en/editions/9/sisli/" in sisli.body
    number = Certificate.objects.get(entry=entries["sisli"]).number
    assert f"{number}: http://testserver/en/certificates/{number}/" in sisli.body
    surcin = by_address["surcin@example.org"]
    assert surcin.subject == "Les résultats du 9e Prix Dosta!-Congrès"
    assert "2e place ex aequo" in surcin.body
    assert "http://testserver/fr/editions/9/surcin/" in surcin.body
    other = by_address["jyvaskyla@example.org"]
    assert (
        "Your entry “Project of City of Jyväskylä” for City of Jyväskylä was not among the "
        "laureates this time."
    ) in other.body
    assert "http://testserver/en/entries/jyvaskyla/" in other.body
    assert "certificate" not in other.body.lower()
    refused = by_address["reggio@example.org"]
    assert "hope to read an entry from Comune di Reggio nell’Emilia again" in refused.body
    assert "http://testserver/en/editions/9/" in refused.body


def test_results_mail_refused_by_the_server_leaves_the_publication_done(
    decided, secretary, mail_server_down, django_capture_on_commit_callbacks, caplog
):
    edition, entries = decided
    with django_capture_on_commit_callbacks(execute=True):
        results_services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    assert states(edition)["sisli"] == "awarded"
    # Each e-mail is its own task: the refusal of one stops none of the others.
    assert (
        "E-mail “The results of the 9th Dosta!-Congress Prize” to sisli@example.org refused "
        "by the mail server"
    ) in caplog.text
    assert "E-mail “Les résultats du 9e Prix Dosta!-Congrès” to surcin@example.org refused" in (
        caplog.text
    )


def test_publishing_issues_and_renders_one_certificate_per_laureate(published):
    edition, entries = published
    certificates = Certificate.objects.filter(edition=edition).order_by("entry__ref")
    assert [(c.entry.ref, c.kind, c.status) for c in certificates] == [
        ("kragujevac", CertificateKind.LAUREATE, CertificateStatus.VALID),
        ("sisli", CertificateKind.LAUREATE, CertificateStatus.VALID),
        ("surcin", CertificateKind.LAUREATE, CertificateStatus.VALID),
    ]
    assert all(NUMBER.match(c.number) for c in certificates)
    assert all(c.file and c.rendered_at for c in certificates)
    run = CertificateRun.objects.get(edition=edition)
    assert (run.state, run.done, run.total) == (RunState.DONE, 3, 3)


def test_certificate_pdf_says_the_shared_place_in_both_languages(published):
    edition, entries = published
    english, french = pdf_text(Certificate.objects.get(entry=entries["kragujevac"]))
    assert "Крагујевац" in english and "Крагујевац" in french
    assert "2nd place ex aequo" in english
    assert "2e place ex aequo" in french
    assert "20 October 2027" in english and "20 octobre 2027" in french
    assert "A. Example" in english and "Président du Congrès" in french
    first, _french = pdf_text(Certificate.objects.get(entry=entries["sisli"]))
    assert "Şişli Municipality" in first and "1st place" in first


def test_participation_certificates_go_to_the_other_ranked_entries(
    decided, secretary, django_capture_on_commit_callbacks
):
    edition, entries = decided
    edition.participation_certificates = True
    edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        results_services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    certificate = Certificate.objects.get(entry=entries["jyvaskyla"])
    assert certificate.kind == CertificateKind.PARTICIPATION
    english, french = pdf_text(certificate)
    assert "City of Jyväskylä" in english
    assert "place" not in english.replace("took place", "")


def test_changed_ceremony_reissues_certificates_and_supersedes_the_old(
    published, secretary, django_capture_on_commit_callbacks
):
    edition, entries = published
    old = Certificate.objects.get(entry=entries["sisli"])
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_update(
            edition_id=edition.pk, by=secretary, ceremony_place="Strasbourg, Palais de l'Europe"
        )
    old.refresh_from_db()
    new = Certificate.objects.get(entry=entries["sisli"], status=CertificateStatus.VALID)
    assert old.status == CertificateStatus.SUPERSEDED
    assert old.superseded_by == new
    assert new.number != old.number
    assert "Palais de l'Europe" in pdf_text(new)[0] or "Palais de l’Europe" in pdf_text(new)[0]
    assert Certificate.objects.filter(status=CertificateStatus.VALID).count() == 3


def test_unchanged_settings_reissue_nothing(
    published, secretary, django_capture_on_commit_callbacks
):
    edition, entries = published
    before = set(Certificate.objects.values_list("number", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_update(edition_id=edition.pk, by=secretary, places=2)
    assert set(Certificate.objects.values_list("number", flat=True)) == before


def test_renamed_authority_gets_a_new_certificate(
    published, secretary, django_capture_on_commit_callbacks
):
    edition, entries = published
    authority = entries["surcin"].authority
    with django_capture_on_commit_callbacks(execute=True):
        authority_update(
            authority_id=authority.pk, by=secretary, name="City Municipality of Surčin"
        )
    valid = Certificate.objects.get(entry=entries["surcin"], status=CertificateStatus.VALID)
    assert valid.facts["authority"] == "City Municipality of Surčin"
    assert "City Municipality of Surčin" in pdf_text(valid)[0]
    assert (
        Certificate.objects.filter(
            entry=entries["surcin"], status=CertificateStatus.SUPERSEDED
        ).count()
        == 1
    )


def test_award_is_not_offered_as_a_screening_button(decided, secretary, client):
    edition, entries = decided
    client.force_login(secretary)
    response = client.get(f"/en/secretariat/entries/{entries['sisli'].ref}/")
    assert response.status_code == 200
    assert 'value="award"' not in response.content.decode()
    assert 'value="not_award"' not in response.content.decode()


def edition_form_data(edition, **changes) -> dict:
    data = {k: v for k, v in EditionForm.initial_from(edition).items() if v is not None}
    data.pop("eligible_countries", None)
    return {**data, **changes}


def test_signatories_are_typed_one_per_line_and_saved(decided, secretary, client):
    edition, entries = decided
    client.force_login(secretary)
    text = "C. Chair | President of the Congress | Présidente du Congrès\nD. Envoy"
    response = client.post(
        "/en/secretariat/editions/9/", edition_form_data(edition, signatories=text)
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.signatories == [
        {
            "name": "C. Chair",
            "role": {"en": "President of the Congress", "fr": "Présidente du Congrès"},
        },
        {"name": "D. Envoy", "role": {}},
    ]


def test_signatories_without_a_name_are_refused_with_the_line(decided, secretary, client):
    edition, entries = decided
    client.force_login(secretary)
    text = "C. Chair\n | President"
    response = client.post(
        "/en/secretariat/editions/9/", edition_form_data(edition, signatories=text)
    )
    assert response.status_code == 400
    assert "Line 2: start with the name." in response.content.decode()
    edition.refresh_from_db()
    assert edition.signatories == SIGNATORIES
