"""The chair's "Record different places" form keeps what was typed after a refusal and
offers statements for every entry with a place; the jury's pages and reminders name
entries by the project's title and the authority, the reference only beside them."""

import re

import pytest
from django.core import mail

from jury.models import Assignment, Decision
from submissions.models import Entry
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db

DECIDE = "/en/jury/77/deliberation/decide/"


@pytest.fixture
def named(board):
    """The board's entries with titles and authorities a person would recognise."""
    edition, chair, member, entries = board
    for entry, title, town in zip(
        entries,
        ("Schools for all", "Homes first", "Voices of Roma women"),
        ("Ville de Metz", "City of Košice", "Leeds City Council"),
        strict=True,
    ):
        Entry.objects.filter(pk=entry.pk).update(title={"en": title, "fr": f"{title} (fr)"})
        entry.authority.name = town
        entry.authority.save()
    return board


def test_after_a_refusal_the_form_shows_the_typed_places_and_statements(client, named):
    edition, chair, member, entries = named
    client.force_login(chair.user)
    response = client.post(
        DECIDE,
        {
            "action": "change",
            "place-a": "1",
            "place-b": "",
            "place-c": "2",
            "statement-en-c": "Brave and patient work.",
            "statement-fr-c": "Un travail courageux et patient.",
            "reason": "",
        },
    )
    assert response.status_code == 400
    page = response.text
    assert "Say why the decision departs from the computed ranking." in page
    assert "<details open><summary>Record different places (with a reason)</summary>" in page
    assert 'id="place-a" name="place-a" value="1"' in page
    assert 'id="place-b" name="place-b" value=""' in page
    assert 'id="place-c" name="place-c" value="2"' in page
    # c, promoted from the third place, has its statements, open, as typed.
    c_fields = page[page.index("<legend>Voices of Roma women ") :]
    c_fields = c_fields[: c_fields.index("</fieldset>")]
    assert "<details open><summary>Jury statement (optional)</summary>" in c_fields
    assert (
        '<textarea id="changed-statement-en-c" name="statement-en-c" rows="2" lang="en">\n'
        "Brave and patient work.</textarea>"
    ) in c_fields
    assert (
        '<textarea id="changed-statement-fr-c" name="statement-fr-c" rows="2" lang="fr">\n'
        "Un travail courageux et patient.</textarea>"
    ) in c_fields
    assert not Decision.objects.exists()


def test_the_typed_places_are_recorded_with_the_promoted_entrys_statement(client, named):
    edition, chair, member, entries = named
    client.force_login(chair.user)
    response = client.post(
        DECIDE,
        {
            "action": "change",
            "place-a": "",
            "place-b": "",
            "place-c": "1",
            "statement-en-c": "Brave and patient work.",
            "reason": "The jury saw it on site.",
        },
    )
    assert response.status_code == 302
    result = Decision.objects.get().results.get()
    assert (result.entry.ref, result.place, result.statement) == (
        "c",
        1,
        {"en": "Brave and patient work."},
    )


def test_every_ranked_entry_has_a_place_and_statement_fields(client, named):
    client.force_login(named[1].user)
    page = client.get("/en/jury/77/deliberation/").text
    for ref in ("a", "b", "c"):
        assert f'name="place-{ref}"' in page
        assert f'name="statement-en-{ref}" rows="2" lang="en">' in page
        assert f'name="statement-fr-{ref}" rows="2" lang="fr">' in page
    # Open for the computed laureates (a and b share the first place), closed for c.
    opened = re.findall(r"<legend>([^<]+) <span[^/]*</span></legend>.*?<details( open)?>", page)
    assert opened == [
        ("Schools for all", " open"),
        ("Homes first", " open"),
        ("Voices of Roma women", ""),
    ]


def test_the_chairs_page_names_entries_by_title_and_authority(client, named):
    edition, chair, member, entries = named
    client.force_login(chair.user)
    page = client.get("/en/jury/77/deliberation/").text
    # Progress per entry.
    assert (
        '<tr><td>Schools for all<br><span class="meta">Ville de Metz · a</span></td>'
        '<td><progress max="2" value="2" aria-label="Jurors who submitted scores for '
        'Schools for all"></progress> 2/2</td></tr>'
    ) in page
    # The ranking proposal.
    assert (
        'Voices of Roma women<br><span class="meta">Leeds City Council · 2 jurors · c</span>'
        in (page)
    )
    # The place fields.
    assert ('<legend>Homes first <span class="meta">City of Košice · b</span></legend>') in page
    # The reopen form and the confirm form's statements.
    assert '<option value="a">Schools for all — Ville de Metz (a)</option>' in page
    assert '<label for="statement-en-a">Statement on “Schools for all” in English</label>' in page


def test_the_recorded_decision_lists_titles_not_references(client, named):
    edition, chair, member, entries = named
    client.force_login(chair.user)
    client.post(DECIDE, {"action": "confirm"})
    page = client.get("/en/jury/77/deliberation/").text
    assert ('<li>Homes first (City of Košice): 1 ex aequo <span class="meta">b</span></li>') in page
    assert (
        '<li>Schools for all (Ville de Metz): 1 ex aequo <span class="meta">a</span></li>'
    ) in page


def test_the_french_chairs_page_names_entries_in_french(client, named):
    client.force_login(named[1].user)
    page = client.get("/fr/jury/77/deliberation/").text
    assert '<option value="c">Voices of Roma women (fr) — Leeds City Council (c)</option>' in page


def test_a_reminder_lists_the_waiting_entries_by_title_and_authority(client, named):
    edition, chair, member, entries = named
    late = EntryFactory(
        edition=edition,
        ref="late",
        state="eligible",
        title={"en": "Late project", "fr": "Projet en retard"},
    )
    late.authority.name = "Commune de Dijon"
    late.authority.save()
    Assignment.objects.create(juror=member, entry=late)
    client.force_login(chair.user)
    client.post("/en/jury/77/deliberation/remind/")
    [message] = mail.outbox
    assert "\n- Projet en retard (Commune de Dijon)\n" in message.body
    assert "late" not in message.body.replace("/fr/jury/77/", "")


def test_a_refused_confirmation_keeps_the_statements_typed_in_its_form(client, named):
    edition, chair, member, entries = named
    client.force_login(chair.user)
    response = client.post(
        DECIDE,
        {
            "action": "confirm",
            "statement-en-a": "Schools open to every child.",
            "statement-fr-a": "Des écoles ouvertes\x00 à chaque enfant.",
        },
    )
    assert response.status_code == 400
    assert response.context["decide_errors"] == ["Null characters are not allowed."]
    page = response.text
    assert (
        '<textarea id="statement-en-a" name="statement-en-a" rows="2" lang="en">\n'
        "Schools open to every child.</textarea>"
    ) in page
    assert (
        '<textarea id="statement-fr-a" name="statement-fr-a" rows="2" lang="fr">\n'
        "Des écoles ouvertes à chaque enfant.</textarea>"
    ) in page
    # The other form is left as the proposal: closed, its statements empty.
    assert "<details><summary>Record different places (with a reason)</summary>" in page
    assert 'lang="en">\n</textarea>' in page[page.index('id="changed-statement-en-a"') :]
    assert not Decision.objects.exists()
