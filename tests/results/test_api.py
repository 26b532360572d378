"""The open-data API against the seven past editions, and its OpenAPI description."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls.resolvers import RoutePattern
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec

from prize.enums import EditionState
from prize.models import Criterion, Edition
from results import api_urls
from results.openapi import DOCUMENT
from tests.factories import (
    AuthorityFactory,
    DecisionFactory,
    EditionFactory,
    EntryFactory,
    ResultFactory,
    published_edition,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"
ENDPOINTS = ["/", "/editions/", "/editions/5/", "/editions/5/results/", "/openapi.json"]


def get_json(client, path: str, status: int = 200, **headers):
    response = client.get(API + path, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


def places(client, number: int) -> list[tuple]:
    """(place, ex aequo, English label, French label, authority) of each laureate."""
    return [
        (r["place"], r["ex_aequo"], r["label"]["en"], r["label"]["fr"], r["authority"]["name"])
        for r in get_json(client, f"/editions/{number}/results/")["results"]
    ]


def set_state(edition: Edition, state: str) -> None:
    # Arrangement only: the lifecycle itself is tested with its services.
    Edition.objects.filter(pk=edition.pk).update(state=state)


# The historical data --------------------------------------------------------------------


def test_editions_lists_the_seven_past_editions_newest_first(client, history):
    editions = get_json(client, "/editions/")["editions"]
    assert [e["number"] for e in editions] == [7, 6, 5, 4, 3, 2, 1]
    assert [e["year"] for e in editions] == [2019, 2017, 2015, 2013, 2011, 2008, 2007]
    assert {(e["state"], e["results_public"]) for e in editions} == {("archived", True)}


def test_editions_item_of_the_fifth_edition_is_exact(client, history):
    fifth = get_json(client, "/editions/")["editions"][2]
    assert fifth == {
        "number": 5,
        "name": {
            "en": "5th Dosta!-Congress Prize for Municipalities",
            "fr": "5e Prix Dosta!-Congrès pour les municipalités",
        },
        "year": 2015,
        "state": "archived",
        "results_public": True,
        "ceremony": {
            "date": "2015-10-21",
            "place": "Strasbourg",
            "occasion": {"en": "29th Session of the Congress", "fr": "29e session du Congrès"},
        },
        "project_period": None,
        "submission_deadline": "2015-06-30T23:59:00+02:00",
        "eligible_countries": None,
        "places": 3,
        "place_numbering": "dense",
        "links": {
            "self": "http://testserver/api/v1/editions/5/",
            "results": "http://testserver/api/v1/editions/5/results/",
            "html": {
                "en": "http://testserver/en/editions/5/",
                "fr": "http://testserver/fr/editions/5/",
            },
        },
    }


def test_editions_unknown_facts_are_null_not_none(client, history):
    first = get_json(client, "/editions/1/")
    assert first["ceremony"] == {"date": None, "place": "Strasbourg", "occasion": None}
    assert first["submission_deadline"] is None
    assert first["eligible_countries"] == ["AL", "BA", "ME", "MK", "RS"]
    assert b"None" not in client.get(f"{API}/editions/").content


def test_edition_detail_has_its_criteria(client, history):
    edition = get_json(client, "/editions/6/")
    assert edition["number"] == 6
    assert edition["project_period"] == {"start": "2015-01-01", "end": "2016-12-31"}
    assert [c["code"] for c in edition["criteria"]] == [
        "social-rights",
        "intercultural-dialogue",
        "diversity",
        "democratic-participation",
        "awareness",
    ]
    assert edition["criteria"][2] == {
        "code": "diversity",
        "name": {
            "en": "Diversity in community life",
            "fr": "Diversité dans la vie de la collectivité",
        },
        "description": None,
        "weight": "1",
        "max_score": 10,
    }


def test_results_of_the_fifth_edition_share_the_second_place(client, history):
    assert places(client, 5) == [
        (1, False, "1st place", "1re place", "City of Ghent"),
        (2, True, "2nd place ex aequo", "2e place ex aequo", "City of Kragujevac"),
        (2, True, "2nd place ex aequo", "2e place ex aequo", "City of Reggio nell'Emilia"),
        (3, False, "3rd place", "3e place", "City of Madrid"),
    ]


def test_results_of_the_third_edition_have_a_joint_first_place(client, history):
    assert places(client, 3) == [
        (1, True, "1st place (joint)", "1re place (ex aequo)", "City of Jyväskylä"),
        (1, True, "1st place (joint)", "1re place (ex aequo)", "Municipality of Surčin, Belgrade"),
        (2, False, "2nd place", "2e place", "London Borough of Southwark"),
        (3, False, "3rd place", "3e place", "Autonomous Community of Madrid"),
    ]


def test_results_of_the_first_edition_have_two_places(client, history):
    assert places(client, 1) == [
        (1, False, "1st place", "1re place", "Municipality of Vitez"),
        (2, False, "2nd place", "2e place", "City of Banja Luka"),
    ]


def test_results_item_is_exact(client, history):
    results = get_json(client, "/editions/5/results/")
    assert results["edition"]["number"] == 5
    assert "criteria" not in results["edition"]
    kragujevac = results["results"][1]
    assert kragujevac["summary"]["en"].startswith("A programme for marginalised families")
    del kragujevac["summary"]
    assert kragujevac == {
        "place": 2,
        "ex_aequo": True,
        "label": {"en": "2nd place ex aequo", "fr": "2e place ex aequo"},
        "ref": "kragujevac-2015",
        "authority": {
            "name": "City of Kragujevac",
            "country": "RS",
            "country_name": {"en": "Serbia", "fr": "Serbie"},
            "kind": "municipality",
        },
        "title": {"en": "Parenting classes for social inclusion"},
        "project_period": None,
        "links": {
            "html": {
                "en": "http://testserver/en/editions/5/kragujevac-2015/",
                "fr": "http://testserver/fr/editions/5/kragujevac-2015/",
            }
        },
    }


def test_results_html_links_lead_to_the_laureate_pages(client, history):
    laureate = get_json(client, "/editions/6/results/")["results"][0]
    for lang, url in laureate["links"]["html"].items():
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()


def test_results_keep_names_beyond_ascii_readable(client, history):
    body = client.get(f"{API}/editions/6/results/").content
    assert '"name": "Municipality of Şişli"'.encode() in body
    assert b"\\u" not in body


# Laureates and their order -------------------------------------------------------------


def test_results_order_a_shared_place_by_authority_name(client, db):
    edition = EditionFactory(number=40, state=EditionState.ARCHIVED)
    decision = DecisionFactory(edition=edition)
    for ref, name in (("a-entry", "Zagreb City"), ("z-entry", "Aachen City")):
        entry = EntryFactory(edition=edition, ref=ref, authority=AuthorityFactory(name=name))
        ResultFactory(decision=decision, entry=entry, place=1, ex_aequo=True)
    names = [name for *_, name in places(client, 40)]
    assert names == ["Aachen City", "Zagreb City"]


def test_results_leave_out_places_beyond_the_prize_places(client, db):
    edition = EditionFactory(number=41, state=EditionState.PUBLISHED, places=2)
    decision = DecisionFactory(edition=edition)
    for place in (1, 2, 3):
        ResultFactory(decision=decision, place=place)
    assert [p[0] for p in places(client, 41)] == [1, 2]


def test_results_follow_the_recorded_competition_numbering(client, db):
    edition = EditionFactory(
        number=42, state=EditionState.ARCHIVED, places=4, place_numbering="competition"
    )
    decision = DecisionFactory(edition=edition)
    for place, ex_aequo in ((1, False), (2, True), (2, True), (4, False)):
        ResultFactory(decision=decision, place=place, ex_aequo=ex_aequo)
    assert [(p[0], p[2]) for p in places(client, 42)] == [
        (1, "1st place"),
        (2, "2nd place ex aequo"),
        (2, "2nd place ex aequo"),
        (4, "4th place"),
    ]


def test_results_of_an_entry_with_a_project_period(client, db):
    edition = EditionFactory(number=43, state=EditionState.ARCHIVED)
    entry = EntryFactory(
        edition=edition, project_start=date(2023, 1, 1), project_end=None, title=None
    )
    ResultFactory(decision=DecisionFactory(edition=edition), entry=entry)
    laureate = get_json(client, "/editions/43/results/")["results"][0]
    assert laureate["project_period"] == {"start": "2023-01-01", "end": None}
    assert laureate["title"] is None


# What is not public ---------------------------------------------------------------------


def test_draft_edition_is_404_everywhere(client, history):
    EditionFactory(number=8)
    assert [e["number"] for e in get_json(client, "/editions/")["editions"]] == list(
        range(7, 0, -1)
    )
    assert get_json(client, "/editions/8/", 404) == {
        "error": "There is no public edition number 8."
    }
    assert get_json(client, "/editions/8/results/", 404) == {
        "error": "There is no public edition number 8."
    }


def test_edition_in_judging_is_listed_but_its_results_are_404(client, history):
    edition = EditionFactory(number=8)
    result = ResultFactory(decision=DecisionFactory(edition=edition))
    set_state(edition, EditionState.JUDGING)
    listed = get_json(client, "/editions/")["editions"][0]
    assert (listed["number"], listed["state"], listed["results_public"]) == (8, "judging", False)
    assert listed["links"]["results"] is None
    assert get_json(client, "/editions/8/")["results_public"] is False
    assert get_json(client, "/editions/8/results/", 404) == {
        "error": "The results of this edition are not public yet."
    }
    assert result.entry.authority.name.encode() not in client.get(f"{API}/editions/8/").content


def test_unknown_edition_is_404_in_json(client, history):
    assert get_json(client, "/editions/99/", 404) == {
        "error": "There is no public edition number 99."
    }


@pytest.mark.parametrize("path", ["/nowhere/", "/editions/5/laureates/", "/editions/five/"])
def test_unknown_api_path_is_404_in_json(client, db, path):
    assert get_json(client, path, 404) == {
        "error": "Not found. The API's endpoints are listed at /api/v1/."
    }


def test_api_root_redirects_to_the_first_version(client, db):
    response = client.get("/api/")
    assert (response.status_code, response["Location"]) == (302, "/api/v1/")


# HTTP -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ENDPOINTS)
def test_writing_methods_are_405(client, history, method, path):
    response = getattr(client, method)(API + path, data={})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert json.loads(response.content) == {"error": "The API is read-only: use GET."}


def test_post_is_405_even_when_csrf_is_enforced(history):
    response = Client(enforce_csrf_checks=True).post(f"{API}/editions/")
    assert response.status_code == 405


@pytest.mark.parametrize("path", ENDPOINTS)
def test_responses_are_cacheable_and_open_to_any_origin(client, history, path):
    response = client.get(API + path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])


def test_errors_are_open_to_any_origin(client, history):
    response = client.get(f"{API}/editions/99/")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_conditional_get_with_the_etag_is_304(client, history):
    etag = client.get(f"{API}/editions/").headers["ETag"]
    response = client.get(f"{API}/editions/", headers={"If-None-Match": etag})
    assert (response.status_code, response.content) == (304, b"")
    assert response["ETag"] == etag


def test_conditional_get_after_a_change_is_200(client, history):
    etag = client.get(f"{API}/editions/").headers["ETag"]
    EditionFactory(number=8, state=EditionState.OPEN)
    response = client.get(f"{API}/editions/", headers={"If-None-Match": etag})
    assert response.status_code == 200


def test_head_answers_like_get_without_a_body(client, history):
    response = client.head(f"{API}/editions/")
    assert (response.status_code, response.content) == (200, b"")


def test_options_answers_the_cors_preflight(client, db):
    response = client.options(f"{API}/editions/")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "If-None-Match"


# Queries --------------------------------------------------------------------------------


def with_criteria(number: int, count: int) -> Edition:
    edition = EditionFactory(number=number, state=EditionState.OPEN, criteria=False)
    Criterion.objects.bulk_create(
        Criterion(edition=edition, code=f"c{i}", name={"en": f"C{i}"}, weight=Decimal("1.5"))
        for i in range(count)
    )
    return edition


@pytest.mark.parametrize("editions", [2, 20])
def test_editions_runs_one_query_for_2_and_20_editions(
    client, db, django_assert_num_queries, editions
):
    for number in range(1, editions + 1):
        published_edition(number)
    with django_assert_num_queries(1):
        assert len(get_json(client, "/editions/")["editions"]) == editions


@pytest.mark.parametrize("criteria", [2, 20])
def test_edition_runs_two_queries_for_2_and_20_criteria(
    client, db, django_assert_num_queries, criteria
):
    with_criteria(1, criteria)
    with django_assert_num_queries(2):
        assert len(get_json(client, "/editions/1/")["criteria"]) == criteria


@pytest.mark.parametrize("laureates", [2, 20])
def test_results_run_three_queries_for_2_and_20_laureates(
    client, db, django_assert_num_queries, laureates
):
    published_edition(1, laureates)
    with django_assert_num_queries(3):
        assert len(get_json(client, "/editions/1/results/")["results"]) == laureates


@pytest.mark.parametrize("path", ["/", "/openapi.json"])
def test_index_and_openapi_run_no_query(client, db, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        body = get_json(client, path)
    assert body["openapi" if path == "/openapi.json" else "links"]


# The OpenAPI document -------------------------------------------------------------------


def documented(path: str) -> str:
    """/api/v1/editions/<int:number>/ as OpenAPI writes it: /editions/{number}/."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path.removeprefix("v1"))


def resolve(node: dict) -> dict:
    while "$ref" in node and len(node) == 1:
        *_, section, name = node["$ref"].split("/")
        node = DOCUMENT["components"][section][name]
    return node


# JSON Schema 2020-12, the dialect of OpenAPI 3.1, with the formats the document uses
# checked: "date" by jsonschema itself, "uri" as an absolute address of this site.
FORMATS = Draft202012Validator.FORMAT_CHECKER


@FORMATS.checks("uri")
def _absolute_address_of_the_site(value) -> bool:
    return not isinstance(value, str) or value.startswith("http://testserver/")


def mismatches(value, schema: dict, where: str = "$") -> list[str]:
    """Where `value` departs from `schema` (its references resolved in the document),
    so a field that a response gains or loses without the document saying so is
    reported."""
    validator = Draft202012Validator(
        {**schema, "components": DOCUMENT["components"]}, format_checker=FORMATS
    )
    return sorted(
        f"{where}{''.join(f'[{p!r}]' for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(value)
    )


def test_the_openapi_document_is_valid_openapi_3_1(db):
    validate_spec(DOCUMENT)


def fits(value, schema: dict) -> bool:
    return not mismatches(value, schema)


def test_openapi_is_served_as_an_openapi_3_1_document(client, db):
    served = get_json(client, "/openapi.json")
    assert served["openapi"] == "3.1.0"
    assert served["servers"] == [{"url": "http://testserver/api/v1"}]
    assert {**served, "servers": DOCUMENT["servers"]} == DOCUMENT


def test_openapi_documents_every_path_of_the_api(db):
    routes = [
        documented(str(p.pattern))
        for p in api_urls.urlpatterns
        if isinstance(p.pattern, RoutePattern) and str(p.pattern).startswith("v1/")
    ]
    assert sorted(routes) == sorted(DOCUMENT["paths"])


def test_openapi_operations_are_get_only_with_unique_ids(db):
    operations = [(path, item) for path, item in DOCUMENT["paths"].items()]
    assert {method for _, item in operations for method in item} == {"get"}
    ids = [item["get"]["operationId"] for _, item in operations]
    assert len(ids) == len(set(ids))


def test_openapi_every_reference_resolves(db):
    text = json.dumps(DOCUMENT)
    for target in set(re.findall(r'"\$ref": "([^"]+)"', text)):
        _, components, section, name = target.split("/")
        assert name in DOCUMENT[components][section], target


DOCUMENTED = [
    (path, status)
    for path, item in DOCUMENT["paths"].items()
    for status in ("200", "404")
    if status in item["get"]["responses"]
]


def schema_of(path: str, status: str) -> dict:
    response = resolve(DOCUMENT["paths"][path]["get"]["responses"][status])
    return response["content"]["application/json"]["schema"]


@pytest.mark.parametrize(("path", "status"), DOCUMENTED)
def test_openapi_documented_response_is_what_the_api_answers(client, history, path, status):
    url = path.replace("{number}", "5" if status == "200" else "99")
    assert mismatches(get_json(client, url, int(status)), schema_of(path, status), url) == []


@pytest.mark.parametrize("number", range(1, 8))
def test_openapi_schemas_fit_every_past_edition(client, history, number):
    for path in ("/editions/{number}/", "/editions/{number}/results/"):
        url = path.replace("{number}", str(number))
        assert mismatches(get_json(client, url), schema_of(path, "200"), url) == []


def test_openapi_schemas_fit_an_edition_without_public_results(client, db):
    EditionFactory(number=8, state=EditionState.SCREENING, eligible_countries=["AL", "RS"])
    listing = get_json(client, "/editions/")
    assert mismatches(listing, schema_of("/editions/", "200")) == []
    detail = get_json(client, "/editions/8/")
    assert mismatches(detail, schema_of("/editions/{number}/", "200")) == []
    body = get_json(client, "/editions/8/results/", 404)
    assert mismatches(body, schema_of("/editions/{number}/results/", "404")) == []


def test_schema_check_refuses_an_undocumented_or_missing_field(db):
    schema = {"$ref": "#/components/schemas/Criterion"}
    criterion = {"code": "c", "name": {"en": "C"}, "description": None, "weight": "1"}
    assert fits({**criterion, "max_score": 10}, schema)
    assert not fits(criterion, schema)
    assert not fits({**criterion, "max_score": 10, "min_score": 0}, schema)
    assert not fits({**criterion, "max_score": 10, "weight": "1,5"}, schema)
