"""An edition in deliberation whose jury decision is approved: four entries, a shared
second place, ready to publish."""

from datetime import date

import pytest

from jury import services as jury_services
from prize.enums import EditionState
from results import services
from submissions.services import authority_member_add
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)
from tests.jury.conftest import submit

SIGNATORIES = [
    {
        "name": "A. Example",
        "role": {"en": "President of the Congress", "fr": "Président du Congrès"},
    },
    {"name": "B. Sample", "role": {"en": "Dosta! ambassador"}},
]


@pytest.fixture
def decided(db, secretary):
    """Edition 9: Şişli 1st; Surčin and Крагујевац 2nd ex aequo; Jyväskylä 3rd of 2 places
    (not awarded); Reggio nell’Emilia ineligible. Surčin's entry is in French, with one
    member who reads French."""
    edition = EditionFactory(
        state=EditionState.DELIBERATION,
        number=9,
        places=2,
        name={"en": "9th Dosta!-Congress Prize", "fr": "9e Prix Dosta!-Congrès"},
        ceremony_date=date(2027, 10, 20),
        ceremony_occasion={"en": "53rd Session of the Congress", "fr": "53e session du Congrès"},
        signatories=SIGNATORIES,
    )
    chair = JurorFactory(edition=edition, ref="chair", role="chair", user=UserFactory())
    names = [
        ("sisli", "Şişli Municipality", "TR", "en", 9),
        ("surcin", "Municipality of Surčin", "RS", "fr", 7),
        ("kragujevac", "Крагујевац", "RS", "en", 7),
        ("jyvaskyla", "City of Jyväskylä", "FI", "en", 2),
    ]
    entries = {}
    for ref, name, country, language, value in names:
        authority = AuthorityFactory(name=name, country=country)
        member = UserFactory(email=f"{ref}@example.org", language=language)
        authority_member_add(authority=authority, user=member)
        entry = EntryFactory(
            edition=edition,
            authority=authority,
            ref=ref,
            state="eligible",
            language=language,
            title={language: f"Project of {name}"},
        )
        submit(chair, entry, value)
        entries[ref] = entry
    refused = AuthorityFactory(name="Comune di Reggio nell’Emilia", country="IT")
    authority_member_add(authority=refused, user=UserFactory(email="reggio@example.org"))
    EntryFactory(edition=edition, authority=refused, ref="reggio", state="ineligible")
    jury_services.decision_record(edition_id=edition.pk, by=chair.user)
    jury_services.decision_approve(edition_id=edition.pk, by=secretary)
    return edition, entries


@pytest.fixture
def published(decided, secretary, django_capture_on_commit_callbacks):
    edition, entries = decided
    with django_capture_on_commit_callbacks(execute=True):
        edition = services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    return edition, entries
