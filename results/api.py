"""The read-only JSON API for open data (docs/api.md, the schema in results/openapi.py):
public editions, their criteria and their recorded results.

The reads are those of the public pages, so the API never shows more than the site: an
edition only once public, its results only once published. Errors are plain English
sentences, not translated, so that a response does not depend on the caller's language
and caches well.
"""

import json
from functools import wraps

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.csrf import csrf_exempt

from jury.models import Result
from prize import selectors as prize_selectors
from prize.countries import country_name
from prize.models import Criterion, Edition
from prize.texts import place_label
from web.links import absolute

from . import selectors
from .interchange.exporter import decimal_str
from .openapi import DOCUMENT

LANGUAGES = ("en", "fr")
CONTENT_TYPE = "application/json; charset=utf-8"
READ_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"
MAX_AGE = 300

NOT_FOUND = "Not found. The API's endpoints are listed at /api/v1/."
NO_EDITION = "There is no public edition number {number}."
RESULTS_NOT_PUBLIC = "The results of this edition are not public yet."
READ_ONLY = "The API is read-only: use GET."


# Reads --------------------------------------------------------------------------------


def edition_laureates(edition: Edition) -> list[tuple[Result, bool]]:
    """The laureates of an edition whose results are public, by place then authority name,
    each with whether its place is shared. One query."""
    groups = selectors.laureates_by_edition([edition]).get(edition.pk, [])
    return [
        (result, group.ex_aequo)
        for group in groups
        for result in sorted(group.results, key=_by_authority_name)
    ]


def _by_authority_name(result: Result) -> tuple[str, str]:
    # Sorted here rather than in SQL: collations differ between SQLite and PostgreSQL.
    return result.entry.authority.name.casefold(), result.entry.ref


# Representations ----------------------------------------------------------------------


def _absolute(request, name: str, **kwargs) -> str:
    """On SITE_URL, like every absolute address of the site (web.links)."""
    return absolute(reverse(name, kwargs=kwargs or None))


def _html(request, name: str, **kwargs) -> dict[str, str]:
    """The public page in each working language (they live under /en/ and /fr/)."""
    links = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            links[lang] = _absolute(request, name, **kwargs)
    return links


def _text(value: dict | None) -> dict | None:
    """A text in several languages, without the empty ones; null when nothing is known."""
    texts = {lang: text for lang, text in (value or {}).items() if text}
    return texts or None


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _period(start, end) -> dict | None:
    return {"start": _iso(start), "end": _iso(end)} if start or end else None


def edition_data(request, edition: Edition) -> dict:
    deadline = edition.submission_deadline
    return {
        "number": edition.number,
        "name": _text(edition.name),
        "year": edition.year,
        "state": edition.state,
        "results_public": edition.results_public,
        "ceremony": {
            "date": _iso(edition.ceremony_date),
            "place": edition.ceremony_place or None,
            "occasion": _text(edition.ceremony_occasion),
        },
        "project_period": _period(edition.project_start, edition.project_end),
        "submission_deadline": _iso(deadline and timezone.localtime(deadline)),
        "eligible_countries": edition.eligible_countries,
        "places": edition.places,
        "place_numbering": edition.place_numbering,
        "links": _edition_links(request, edition),
    }


def _edition_links(request, edition: Edition) -> dict:
    number = edition.number
    results = _absolute(request, "api:results", number=number)
    return {
        "self": _absolute(request, "api:edition", number=number),
        "results": results if edition.results_public else None,
        "html": _html(request, "results:edition", number=number),
    }


def criterion_data(criterion: Criterion) -> dict:
    return {
        "code": criterion.code,
        "name": _text(criterion.name),
        "description": _text(criterion.description),
        "weight": decimal_str(criterion.weight),
        "max_score": criterion.max_score,
    }


def laureate_data(request, result: Result, ex_aequo: bool) -> dict:
    entry, authority = result.entry, result.entry.authority
    return {
        "place": result.place,
        "ex_aequo": ex_aequo,
        "label": _in_each_language(place_label, result.place, ex_aequo),
        "ref": entry.ref,
        "authority": {
            "name": authority.name,
            "country": authority.country,
            "country_name": _in_each_language(country_name, authority.country),
            "kind": authority.kind,
        },
        "title": _text(entry.title),
        "summary": _text(entry.summary),
        "project_period": _period(entry.project_start, entry.project_end),
        "links": {
            "html": _html(request, "results:laureate", number=entry.edition.number, ref=entry.ref)
        },
    }


def _in_each_language(function, *args) -> dict[str, str]:
    """The prize's own wording, as the public pages give it in each language."""
    texts = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            texts[lang] = function(*args)
    return texts


# HTTP ---------------------------------------------------------------------------------


def json_response(data, status: int = 200) -> HttpResponse:
    # ensure_ascii=False: Şişli and Surčin stay readable; indented for people browsing.
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPE)


def error(message: str, status: int) -> HttpResponse:
    return json_response({"error": message}, status=status)


def endpoint(view):
    """GET (and HEAD) only; cacheable, with an ETag; readable from any web page (CORS).

    csrf_exempt: nothing here writes, and a refused POST must get the API's JSON 405
    rather than the site's HTML 403."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in READ_METHODS:
            response = error(READ_ONLY, 405)
        else:
            response = _cacheable(request, view(request, *args, **kwargs))
        response["Allow"] = ALLOW
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ALLOW
        response["Access-Control-Allow-Headers"] = "If-None-Match"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    return wrapper


def _cacheable(request, response: HttpResponse) -> HttpResponse:
    """Five minutes in any cache; after that a conditional GET costs no body when the
    data did not change (304)."""
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


# Views --------------------------------------------------------------------------------


@endpoint
def index(request):
    return json_response(
        {
            "name": "Dosta!-Congress Prize for Municipalities: open data",
            "publisher": "Council of Europe",
            "version": "1",
            "links": {
                "editions": _absolute(request, "api:editions"),
                "openapi": _absolute(request, "api:openapi"),
                "html": _html(request, "results:archive"),
            },
        }
    )


@endpoint
def editions(request):
    return json_response(
        {"editions": [edition_data(request, e) for e in selectors.public_editions()]}
    )


@endpoint
def edition(request, number: int):
    try:
        found = prize_selectors.public_edition(number)
    except Http404:
        return error(NO_EDITION.format(number=number), 404)
    data = edition_data(request, found)
    data["criteria"] = [criterion_data(c) for c in found.criteria.all()]
    return json_response(data)


@endpoint
def results(request, number: int):
    try:
        found = prize_selectors.public_edition(number)
    except Http404:
        return error(NO_EDITION.format(number=number), 404)
    if not found.results_public:
        return error(RESULTS_NOT_PUBLIC, 404)
    laureates = [laureate_data(request, r, shared) for r, shared in edition_laureates(found)]
    return json_response({"edition": edition_data(request, found), "results": laureates})


@endpoint
def openapi(request):
    # The server is this site, at its public address (SITE_URL).
    server = _absolute(request, "api:index").rstrip("/")
    return json_response({**DOCUMENT, "servers": [{"url": server}]})


@endpoint
def not_found(request, path: str = ""):
    return error(NOT_FOUND, 404)
