"""The secretariat chooses the tie-break criteria by name, in order; the codes the ranking
contract stores are checked in one place (prize.rules.tie_break_problems) on every path:
the settings page, a crafted POST, the services, import_edition and the admin."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from prize import services
from prize.forms import EditionForm
from prize.models import Edition
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

NEW_EDITION = {
    "number": 9,
    "name_en": "9th Dosta!-Congress Prize",
    "name_fr": "9e Prix Dosta!-Congrès",
    "year": 2028,
    "all_countries": "on",
    "places": 3,
    "place_numbering": "dense",
    "aggregation": "mean",
    "score_precision": 2,
    "score_step": "0.5",
}


def settings_data(edition: Edition, **tie_break) -> dict:
    initial = EditionForm.initial_from(edition)
    data = {k: v for k, v in initial.items() if v is not None and not k.startswith("tie_break")}
    data.pop("eligible_countries", None)
    return {**data, **tie_break}


def options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_settings_page_offers_the_criteria_by_name_in_order(client, secretary):
    edition = EditionFactory(tie_break=["diversity"])
    client.force_login(secretary)
    html = client.get(f"/fr/secretariat/editions/{edition.number}/").content.decode()

    offered = options(html, "tie_break_1")
    assert offered[0] == ("", "(aucun)")
    assert [code for code, _name in offered[1:]] == [
        "social-rights",
        "intercultural-dialogue",
        "diversity",
        "democratic-participation",
        "awareness",
    ]
    assert ("diversity", "Diversité dans la vie de la collectivité") in offered
    assert '<option value="diversity" selected>' in html
    assert '<label for="id_tie_break_2">' in html  # every list has its own label
    assert 'id="id_tie_break_6"' not in html  # one list per criterion


def test_criteria_chosen_by_name_are_kept_as_codes_in_their_order(client, secretary):
    edition = EditionFactory()
    client.force_login(secretary)
    response = client.post(
        f"/en/secretariat/editions/{edition.number}/",
        settings_data(edition, tie_break_1="awareness", tie_break_2="", tie_break_3="diversity"),
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.tie_break == ["awareness", "diversity"]


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ({"tie_break_1": "nosuch"}, "“nosuch” is not a criterion of this edition."),
        (
            {"tie_break_1": "diversity", "tie_break_2": "diversity"},
            "“Diversity in community life” is chosen more than once: choose each criterion at "
            "most once.",
        ),
    ],
    ids=["unknown-code-in-a-crafted-post", "chosen-twice"],
)
def test_a_bad_choice_is_refused_clearly_and_nothing_is_saved(client, secretary, chosen, message):
    edition = EditionFactory(tie_break=["awareness"])
    client.force_login(secretary)
    response = client.post(
        f"/en/secretariat/editions/{edition.number}/",
        settings_data(edition, name_en="Changed", **chosen),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert '<a href="#id_tie_break_1">' in html  # the error summary leads to the first list
    edition.refresh_from_db()
    assert (edition.tie_break, edition.name["en"]) == (["awareness"], f"Edition {edition.number}")


def test_a_new_edition_chooses_among_the_published_criteria(client, secretary):
    client.force_login(secretary)
    response = client.post(
        "/en/secretariat/editions/new/", NEW_EDITION | {"tie_break_1": "social-rights"}
    )
    assert response.status_code == 302
    assert Edition.objects.get(number=9).tie_break == ["social-rights"]

    refused = client.post(
        "/en/secretariat/editions/new/", NEW_EDITION | {"number": 10, "tie_break_1": "impact"}
    )
    assert refused.status_code == 400
    assert "“impact” is not a criterion of this edition." in refused.content.decode()
    assert not Edition.objects.filter(number=10).exists()


def test_the_services_refuse_an_unknown_or_repeated_criterion(secretary):
    edition = EditionFactory()
    with pytest.raises(ValidationError) as error:
        services.edition_update(edition_id=edition.pk, by=secretary, tie_break=["x", "awareness"])
    assert error.value.message_dict == {"tie_break": ["“x” is not a criterion of this edition."]}
    with pytest.raises(ValidationError):
        services.edition_update(edition_id=edition.pk, by=secretary, tie_break="awareness")
    with pytest.raises(ValidationError) as error:
        services.edition_create(
            by=secretary, number=77, name={"en": "E"}, year=2030, tie_break=["awareness"] * 2
        )
    assert "is chosen more than once" in error.value.message_dict["tie_break"][0]
    assert not Edition.objects.filter(number=77).exists()
    edition.refresh_from_db()
    assert edition.tie_break == []


def test_an_import_naming_a_criterion_twice_is_refused_with_its_place(tmp_path):
    data = {
        "format": "dosta-edition",
        "version": 1,
        "edition": {
            "number": 91,
            "name": {"en": "91st Prize"},
            "year": 2091,
            "state": "draft",
            "criteria": [
                {"code": "impact", "name": {"en": "Impact"}, "weight": "1", "max_score": 10}
            ],
            "tie_break": ["impact", "impact"],
        },
        "entries": [],
    }
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_edition", str(path), stdout=io.StringIO())
    assert (
        'edition 91, edition settings, field "edition.tie_break[1]": “impact” is chosen more '
        "than once" in str(error.value)
    )
    assert not Edition.objects.filter(number=91).exists()


def test_the_admin_shows_the_tie_break_by_name(client, secretary):
    edition = EditionFactory(tie_break=["awareness", "diversity"])
    client.force_login(secretary)
    html = client.get(f"/en/admin/prize/edition/{edition.pk}/change/").content.decode()
    assert (
        "<ol><li>Public awareness of Roma rights and culture; fighting stereotypes and "
        "prejudice</li><li>Diversity in community life</li></ol>"
    ) in html
    assert '["awareness", "diversity"]' not in html


def test_the_admin_keeps_a_criterion_the_tie_break_uses(client, secretary):
    edition = EditionFactory(tie_break=["diversity"])
    criteria = list(edition.criteria.order_by("order"))
    client.force_login(secretary)
    url = f"/en/admin/prize/edition/{edition.pk}/change/"
    data = {
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": len(criteria),
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
    }
    for i, criterion in enumerate(criteria):
        data |= {
            f"criteria-{i}-id": criterion.pk,
            f"criteria-{i}-edition": edition.pk,
            f"criteria-{i}-code": "diverse" if criterion.code == "diversity" else criterion.code,
            f"criteria-{i}-name": json.dumps(criterion.name),
            f"criteria-{i}-weight": "1",
            f"criteria-{i}-max_score": 10,
            f"criteria-{i}-order": criterion.order,
        }
    response = client.post(url, data)
    assert response.status_code == 200
    refusal = "The edition&#x27;s tie-break uses the criterion “diversity”: keep it"
    assert refusal in response.content.decode()
    assert edition.criteria.filter(code="diversity").exists()

    deleted = data | {"criteria-2-code": "diversity", "criteria-2-DELETE": "on"}
    assert criteria[2].code == "diversity"
    response = client.post(url, deleted)
    assert "tie-break uses the criterion “diversity”" in response.content.decode()
    assert edition.criteria.filter(code="diversity").exists()

    renamed_other = data | {"criteria-2-code": "diversity", "criteria-0-code": "rights"}
    assert client.post(url, renamed_other).status_code == 302
    assert edition.criteria.filter(code="rights").exists()
