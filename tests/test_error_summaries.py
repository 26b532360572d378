"""Every form that can refuse what was posted opens with the same error summary: a
heading, then each error, linked to the field it names when it names one."""

import pytest

from prize.enums import EditionState
from tests.error_pages import read
from tests.factories import AuthorityFactory, EditionFactory, UserFactory


def _summary_of(response) -> "tuple":
    page = read(response.content.decode())
    missing = [href for href, _text in page.summary_links if href[1:] not in page.ids]
    return page, missing


@pytest.fixture
def member(db):
    user = UserFactory(email="ana@ghent.example", language="en")
    AuthorityFactory(name="City of Ghent", country="BE").members.add(user)
    return user


def _post(client, who, url):
    if who is not None:
        client.force_login(who)
    return client.post(url, {"note": ""})  # not empty: `Form(request.POST or None)`


AUTHORITY = ["name", "kind", "country", "contact_name", "contact_email"]
EDITION = [
    "number",
    "name_en",
    "name_fr",
    "year",
    "eligible_countries",
    "places",
    "place_numbering",
    "aggregation",
    "score_precision",
    "score_step",
]
FORMS = {
    # name: (who posts, url, the fields the summary must link to)
    "registration": (None, "/en/accounts/register/", ["email", "name", "language", "password"]),
    "login": (None, "/en/accounts/login/", ["username", "password"]),
    "authority": ("member", "/en/authorities/{authority}/edit/", AUTHORITY),
    "edition": ("secretary", "/en/secretariat/editions/new/", EDITION),
    "screening": (
        "secretary",
        "/en/secretariat/editions/{edition}/entries/",
        ["action", "entries"],
    ),
    "juror invite": (
        "secretary",
        "/en/jury/{edition}/secretariat/",
        ["name", "email", "role", "language"],
    ),
    "alliance": (
        "member",
        "/en/authorities/{authority}/alliance/",
        ["commitment", "activities", "dialogue", "letter"],
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_an_empty_post_opens_with_a_summary_linking_each_field(client, name, member, secretary):
    who, url, linked = FORMS[name]
    edition = EditionFactory(state=EditionState.OPEN)
    url = url.format(authority=member.authorities.get().pk, edition=edition.number)

    response = _post(client, {"member": member, "secretary": secretary}.get(who), url)

    page, missing = _summary_of(response)
    assert response.status_code in (200, 400), response.status_code
    assert page.texts["error-summary-title"] == "There is a problem"
    assert missing == []
    hrefs = [href for href, _text in page.summary_links]
    first = {"eligible_countries": "#id_eligible_countries_0"}  # a group: its first box
    assert hrefs == [first.get(field, f"#id_{field}") for field in linked]
    marked = [field for field in linked if field != "entries"]  # a table of boxes
    assert sorted(page.invalid) == sorted(marked)
    described = [f for f in marked if f not in first]  # a group's fieldset is described
    assert all(page.invalid[field].endswith(f"id_{field}_error") for field in described)
