"""One transliteration for search, references, slugs and file names
(web/transliteration.py): every name makes a readable reference, and what a reference
spells is what search finds."""

import pytest

from prize.enums import EditionState
from submissions.services import entry_create
from tests.factories import AuthorityFactory, EditionFactory, UserFactory
from web.transliteration import ascii_slug, folded, transliterated

NAMES = {
    "Крагујевац": "kragujevac",
    "Şişli": "sisli",
    "Jyväskylä": "jyvaskyla",
    "Surčin": "surcin",
    "Đurđevac": "djurdjevac",
    "Ηράκλειο": "irakleio",
    "Θεσσαλονίκη": "thessaloniki",
    "თბილისი": "tbilisi",
    "Գյումրի": "gyumri",
    "Łódź": "lodz",
    "İzmir": "izmir",
}


@pytest.mark.parametrize(("name", "slug"), NAMES.items())
def test_a_name_in_any_script_of_the_member_states_makes_a_readable_slug(name, slug):
    assert ascii_slug(name, default="x") == slug
    assert folded(name) == slug  # what search compares is what the slug spells


def test_capitals_keep_their_case_and_unknown_scripts_are_left_alone():
    assert transliterated("Нови Сад, ЂУРА") == "Novi Sad, DjURA"
    assert transliterated("東京") == "東京"
    assert ascii_slug("東京", default="entry") == "entry"


@pytest.mark.django_db
def test_an_entry_of_kragujevac_gets_a_reference_that_names_it():
    edition = EditionFactory(state=EditionState.OPEN, year=2026)
    member = UserFactory()
    authority = AuthorityFactory(name="Град Крагујевац", country="RS")
    authority.members.add(member)
    entry = entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    assert entry.ref == "grad-kragujevac-2026"
