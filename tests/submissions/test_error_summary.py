"""A refused 'Save and submit' puts each problem beside its field and links to it from a
summary at the top; before that, the entry page lists what submitting still needs."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from submissions import services
from submissions.enums import EntryState
from tests.error_pages import read
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_upload
from tests.submissions.test_pages import form_data

CODES = (
    "social-rights",
    "intercultural-dialogue",
    "diversity",
    "democratic-participation",
    "awareness",
)
STATEMENT_LINKS = [f"#id_statement_{code}" for code in CODES]
CONTENT_LINKS = [
    "#id_description",
    "#id_project_start",
    "#id_budget",
    "#id_funding",
    "#id_participation",
    "#id_results",
    *STATEMENT_LINKS,
    "#id_photo",
    "#id_consent_publication",
]


def _submit(client, entry, **changes):
    return client.post(
        f"/en/entries/{entry.ref}/edit/", form_data(entry, action="submit", **changes)
    )


def test_a_refused_submit_links_every_problem_to_a_marked_field(client, draft, member):
    client.force_login(member)

    response = _submit(client, draft, results="Kept.", funding="The city.")

    assert response.status_code == 400
    page = read(response.text)
    expected = [h for h in CONTENT_LINKS if h not in ("#id_results", "#id_funding")]
    assert [href for href, _text in page.summary_links] == expected
    assert [href for href in expected if href[1:] not in page.ids] == []
    assert page.summary_links[0] == ("#id_description", "Write a description.")
    assert page.summary_links[-2] == ("#id_photo", "Add at least one photo.")
    names = [href.removeprefix("#id_") for href in expected]
    assert sorted(page.invalid) == sorted(names)
    assert page.invalid["description"] == "id_description_helptext id_description_error"
    assert page.invalid["budget"] == "id_budget_error"
    assert page.texts["id_budget_error"] == "Give the project's total budget."
    assert (page.values["title_en"], page.values["results"].lstrip("\n")) == (
        "Schools for all",
        "Kept.",
    )
    draft.refresh_from_db()
    assert (draft.state, draft.results) == (EntryState.DRAFT, "Kept.")


def test_an_incomplete_photo_is_put_on_the_photos_section(client, draft, member):
    fill(draft, member)
    services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    draft.photos.update(people="")  # as rows from before the rule was
    client.force_login(member)

    page = read(client.get(f"/en/entries/{draft.ref}/edit/").text)
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=draft.pk, action="submit", by=member)

    message = (
        "Give every photo a caption, a credit and an alternative text, and say whether it shows "
        "identifiable people."
    )
    assert page.checklist_links == [("#photos", message)]
    assert "photos" in page.ids
    assert refused.value.message_dict == {"photos": [message]}


def test_the_checklist_lists_what_a_fresh_draft_needs(client, draft, member):
    client.force_login(member)

    page = read(client.get(f"/en/entries/{draft.ref}/edit/").text)

    assert [href for href, _text in page.checklist_links] == [
        "#id_title_en",
        "#id_summary",
        *CONTENT_LINKS,
    ]
    assert [href[1:] for href, _t in page.checklist_links if href[1:] not in page.ids] == []
    assert page.summary_links == []


def test_the_checklist_shrinks_as_fields_are_saved(client, draft, member):
    client.force_login(member)
    changes = {
        "description": "What we did.",
        "project_start": "2024-03-01",
        "project_end": "2025-06-30",
        "budget": "1000",
    }

    client.post(f"/en/entries/{draft.ref}/edit/", form_data(draft, **changes))
    page = read(client.get(f"/en/entries/{draft.ref}/edit/").text)

    gone = ("#id_description", "#id_project_start", "#id_budget")
    assert [href for href, _t in page.checklist_links] == [
        h for h in CONTENT_LINKS if h not in gone
    ]


def test_the_checklist_names_a_missing_end_after_a_start(client, draft, member):
    services.entry_update(
        entry_id=draft.pk, by=member, version=draft.version, project_start=date(2024, 3, 1)
    )
    client.force_login(member)

    page = read(client.get(f"/en/entries/{draft.ref}/edit/").text)

    assert ("#id_project_end", "Give the project's start and end.") in page.checklist_links


def test_the_checklist_says_when_everything_is_there(client, ready, member):
    client.force_login(member)

    response = client.get(f"/en/entries/{ready.ref}/edit/")

    page = read(response.text)
    assert (page.checklist_links, page.checklist_items) == ([], [])
    assert page.texts["still-needed-title"] == "Still needed to submit"
    assert "Everything needed is there: you can submit." in response.text


def test_the_checklist_and_the_submit_refusal_agree(draft, member):
    missing = services.entry_submit_missing(draft)

    with pytest.raises(ValidationError) as refused:
        services.entry_transition(entry_id=draft.pk, action="submit", by=member)

    grouped = {where: [m for w, m in missing if w == where] for where, _m in missing}
    assert refused.value.message_dict == grouped
    assert len(missing) == 15
