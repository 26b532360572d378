"""People and authorities an announcement, a reminder or a moved deadline may reach."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from outreach.services import opt_out_set
from prize.enums import EditionState
from prize.models import Edition
from submissions.services import authority_member_add
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    ParticipationFactory,
    UserFactory,
)


def at_state(state: str, **fields) -> Edition:
    edition = EditionFactory(**fields)
    Edition.objects.filter(pk=edition.pk).update(state=state)  # arrange only
    return Edition.objects.get(pk=edition.pk)


def member(authority, email: str, language: str = "en", **fields):
    person = UserFactory(email=email, language=language, **fields)
    authority_member_add(authority=authority, user=person)
    return person


@dataclass
class World:
    """Edition 8 is past. Ghent takes part in the Alliance (Ana, English); Surčin entered
    edition 8 (Émile, French); Volos only ever wrote a draft (Nikos); Lom has nothing to
    do with the prize (Lia). Şişli takes part in the Alliance too, but its only member,
    Oz, opted out; Gliwice's member is inactive."""

    past: Edition
    draft_edition: Edition
    ana: object
    emile: object
    nikos: object
    lia: object
    oz: object


@pytest.fixture
def world(db) -> World:
    past = at_state(EditionState.ARCHIVED, number=8)
    ghent = AuthorityFactory(name="City of Ghent", country="BE")
    ParticipationFactory(authority=ghent)
    surcin = AuthorityFactory(name="Municipality of Surčin", country="RS")
    EntryFactory(edition=past, authority=surcin, state="not_awarded")
    volos = AuthorityFactory(name="Municipality of Volos", country="GR")
    EntryFactory(edition=past, authority=volos, state="draft")
    lom = AuthorityFactory(name="Municipality of Lom", country="BG")
    sisli = AuthorityFactory(name="Şişli Municipality", country="TR")
    ParticipationFactory(authority=sisli)
    gliwice = AuthorityFactory(name="City of Gliwice", country="PL")
    ParticipationFactory(authority=gliwice)
    member(gliwice, "gliwice@example.org", is_active=False)
    ParticipationFactory(authority=AuthorityFactory(name="Asked only"), state="requested")
    oz = member(sisli, "oz@example.org")
    opt_out_set(user=oz, opted_out=True)
    draft_edition = at_state(
        EditionState.DRAFT,
        number=9,
        name={"en": "9th Dosta!-Congress Prize", "fr": "9e Prix Dosta!-Congrès"},
        submission_deadline=timezone.now() + timedelta(days=40),
    )
    return World(
        past=past,
        draft_edition=draft_edition,
        ana=member(ghent, "ana@ghent.example"),
        emile=member(surcin, "emile@surcin.example", "fr"),
        nikos=member(volos, "nikos@volos.example"),
        lia=member(lom, "lia@lom.example"),
        oz=oz,
    )
