"""Odd input the fuzz suite (tests/fuzz/) found on the authorities' and the
secretariat's pages: each is refused with a sentence for the person or a 404, never a
server error, and nothing is written."""

import pytest

from submissions.models import Entry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "edition_id, said",
    [
        ("999999", "There is no such edition."),
        ("9" * 30, "There is no such edition."),
        ("-1", "Choose an edition."),
        ("1.5", "Choose an edition."),
        (None, "Choose an edition."),
    ],
)
def test_starting_an_entry_for_no_such_edition_is_refused(
    client, edition, authority, member, edition_id, said
):
    client.force_login(member)
    data = {} if edition_id is None else {"edition": edition_id}
    response = client.post(f"/en/authorities/{authority.pk}/entries/new/", data, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [said]
    assert not Entry.objects.exists()


def test_the_screening_filters_ignore_what_is_not_a_country(client, ready, secretary):
    Entry.objects.filter(pk=ready.pk).update(state="submitted")
    client.force_login(secretary)
    url = f"/en/secretariat/editions/{ready.edition.number}/entries/"
    for country in ("\x00", "ZZ", "BE' OR 1=1"):
        response = client.get(url, {"country": country, "state": "\x00"})
        assert response.status_code == 200
        assert [e.ref for e in response.context["rows"]] == [ready.ref]


def test_an_invitation_link_with_a_nul_character_is_not_found(client, member):
    client.force_login(member)
    assert client.get("/en/join/%00/").status_code == 404
    assert client.post("/en/join/abc%00def/").status_code == 404
