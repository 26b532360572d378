"""Approving the jury's decision asks first: what approving does, what looks wrong; a
POST without the explicit confirmation (as the deliberation page's old one-click button
sends) changes nothing and leads to the page that asks."""

import pytest

from jury import services
from jury.models import Assignment, Decision
from tests.jury.conftest import said

URL = "/en/jury/77/deliberation/approve/"
REFUSED = "Nothing was done: read what this step will do, then confirm it here."


@pytest.fixture
def recorded(board):
    edition, chair, member, entries = board
    for entry in entries:
        entry.authority.name = f"Town {entry.ref}"
        entry.authority.save()
    services.decision_record(
        edition_id=edition.pk,
        by=chair.user,
        places={"a": (1, False)},
        reason="The jury preferred a.",
    )
    return edition


def test_the_approval_page_says_what_happens_and_what_looks_wrong(client, recorded, secretary):
    client.force_login(secretary)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["step"].consequences == [
        "The laureates become final: 1st place – Town a (a).",
        "The scores and the jury's decision are frozen: nobody can change them any more.",
        "The results can then be published, a step with its own confirmation.",
        "Nobody gets an e-mail; nothing becomes public.",
    ]
    assert response.context["step"].warnings == [
        "Town a (a), a laureate, has no statement of the jury.",
        "The decision departs from the computed ranking. The chair's reason: The jury preferred a.",
    ]
    assert response.context["problems"] == []
    assert '<button type="submit" class="button-danger">Approve the decision</button>' in (
        response.text
    )
    assert '<a href="/en/jury/77/deliberation/" class="cancel">Cancel</a>' in response.text


def test_the_approval_page_names_uneven_sheets(client, recorded, secretary):
    Assignment.objects.filter(entry__ref="c", juror__ref="m1").delete()
    client.force_login(secretary)
    warnings = client.get(URL).context["step"].warnings
    assert warnings[0] == "“Project c” of Town c (c) has 1 of 2 score sheets."


def test_approving_without_the_confirmation_changes_nothing(client, recorded, secretary):
    client.force_login(secretary)
    response = client.post(URL)
    assert response["Location"] == URL
    assert said(response) == [REFUSED]
    assert Decision.objects.get(edition=recorded).approved_at is None


def test_approving_with_the_confirmation_approves(client, recorded, secretary):
    client.force_login(secretary)
    response = client.post(URL, {"confirm": "yes"})
    assert response["Location"] == "/en/jury/77/deliberation/"
    assert said(response) == [
        "The decision is approved: scores are frozen; results can be published."
    ]
    assert Decision.objects.get(edition=recorded).approved_by == secretary


def test_the_approval_page_says_why_it_is_not_possible(client, board, secretary):
    client.force_login(secretary)
    response = client.get(URL)
    assert response.context["problems"] == ["The jury has not recorded a decision yet."]
    refused = client.post(URL, {"confirm": "yes"}, follow=True)
    assert "The jury has not recorded a decision yet." in refused.text
