"""The Council of Europe's own words, exactly as `prize/data/official-texts.md` gives
them: the note on "Roma and Travellers" on every page and the Alliance's mission on the
Alliance's pages, in English on English pages and in the Council's own French on French
pages. The file is parsed here, so a change to either side shows."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from alliance import services
from prize.official_texts import TEXTS
from tests.factories import AuthorityFactory, UserFactory

SOURCE = Path(settings.BASE_DIR) / "prize" / "data" / "official-texts.md"
SECTIONS = {
    "The note on the term": "roma_travellers_note",
    "What the Alliance is": "alliance",
}


def official() -> dict[tuple[str, str], list[str]]:
    """{(section, language): [paragraph, ...]} from the blockquotes under each
    "## heading", "English:" and "French:"."""
    found: dict[tuple[str, str], list[str]] = {}
    section = language = None
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = next((v for k, v in SECTIONS.items() if line[3:].startswith(k)), None)
        elif line in ("English:", "French:"):
            language = {"English:": "en", "French:": "fr"}[line]
            found[(section, language)] = [""]
        elif line.startswith(">") and section:
            paragraphs = found[(section, language)]
            if line.strip() == ">":
                paragraphs.append("")
            else:
                paragraphs[-1] = (paragraphs[-1] + " " + line[1:].strip()).strip()
    return {key: [p for p in value if p] for key, value in found.items() if key[0]}


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_module_holds_the_files_texts_exactly():
    texts = official()
    for language in ("en", "fr"):
        assert [TEXTS["roma_travellers_note"][language]] == texts[
            ("roma_travellers_note", language)
        ]
        assert [
            TEXTS["alliance_mission"][language],
            TEXTS["alliance_auspices"][language],
        ] == texts[("alliance", language)]


@pytest.fixture
def participant(db):
    secretary = UserFactory(is_secretariat=True)
    authority = AuthorityFactory(name="City of Ghent", country="BE", verified_at=timezone.now())
    return services.participation_register(
        authority_id=authority.pk, by=secretary, accepted_on=timezone.localdate()
    )


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "path", ["/", "/alliance/", "/accounts/login/", "/editions/", "/no-such-page/"]
)
def test_every_page_shows_the_note_in_its_language_word_for_word(client, db, language, path):
    response = client.get(f"/{language}{path}")
    assert response.status_code in (200, 404)
    (note,) = official()[("roma_travellers_note", language)]
    page = text_of(response)
    assert page.count(note) == 1
    other = official()[("roma_travellers_note", "fr" if language == "en" else "en")][0]
    assert other not in page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_alliances_pages_say_what_it_is_in_its_own_words(client, participant, language):
    mission, auspices = official()[("alliance", language)]
    for path in ("/alliance/", f"/alliance/{participant.slug}/"):
        page = text_of(client.get(f"/{language}{path}"))
        assert mission in page and auspices in page
        assert "runs the Congress" not in page and "volet du Congrès" not in page


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_error_pages_without_a_request_show_the_note_in_both_languages(template):
    page = html.unescape(render_to_string(template, {}))
    assert official()[("roma_travellers_note", "en")][0] in page
    assert official()[("roma_travellers_note", "fr")][0] in page


def test_no_template_or_code_claims_the_alliance_runs_the_prize():
    claims = re.compile(r"runs the Congress's side|volet du Congrès du Prix|umbrella term")
    roots = [Path(settings.BASE_DIR) / d for d in ("templates", "prize", "alliance", "web")]
    hits = [
        str(path)
        for root in roots
        for path in root.rglob("*")
        if path.suffix in (".html", ".txt", ".py") and claims.search(path.read_text("utf-8"))
    ]
    assert hits == []
