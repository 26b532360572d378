"""The OpenAPI 3.1 description of the open-data API (results/api.py), served at
/api/v1/openapi.json. The view fills in the server's address; the rest is fixed.

tests/results/test_api.py checks that every path of the API is described here and that
real responses match these schemas, so change both together. Version 1 only ever gains
fields: never remove or rename one.
"""

JSON = "application/json"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, **extra) -> dict:
    """An object with exactly these properties, every one of them always present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        **extra,
    }


DATE = {"type": "string", "format": "date", "examples": ["2015-10-21"]}
URI = {"type": "string", "format": "uri"}
COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$", "examples": ["RS"]}

EDITION_PROPERTIES = {
    "number": {"type": "integer", "minimum": 1, "examples": [5]},
    "name": ref("Text"),
    "year": {"type": "integer", "description": "The year of the call.", "examples": [2015]},
    "state": {
        "type": "string",
        "enum": ["open", "screening", "judging", "deliberation", "published", "archived"],
        "description": "Where the edition is in its lifecycle. Draft editions are not public.",
    },
    "results_public": {
        "type": "boolean",
        "description": "True once the results are published (state published or archived).",
    },
    "ceremony": ref("Ceremony"),
    "project_period": {
        **nullable(ref("Period")),
        "description": "The years in which entered projects must have run; null if unknown.",
    },
    "submission_deadline": nullable({"type": "string", "format": "date-time"}),
    "eligible_countries": {
        **nullable({"type": "array", "items": COUNTRY}),
        "description": "ISO 3166-1 alpha-2 codes; null for every Council of Europe member state.",
    },
    "places": {"type": "integer", "minimum": 1, "description": "How many prize places."},
    "place_numbering": {
        "type": "string",
        "enum": ["dense", "competition"],
        "description": "The place after a tie: dense 1, 2, 2, 3; competition 1, 2, 2, 4.",
    },
    "links": ref("EditionLinks"),
}

SCHEMAS = {
    "Text": {
        "type": "object",
        "description": "A text in several languages, keyed by language code; en or fr is present.",
        "properties": {"en": {"type": "string"}, "fr": {"type": "string"}},
        "additionalProperties": {"type": "string"},
        "minProperties": 1,
        "examples": [{"en": "29th Session of the Congress", "fr": "29e session du Congrès"}],
    },
    "Bilingual": obj(
        {"en": {"type": "string"}, "fr": {"type": "string"}},
        description="The same thing in English and in French.",
    ),
    "HtmlLinks": obj(
        {"en": URI, "fr": URI},
        description="The page of the public site in English and in French.",
    ),
    "Period": obj({"start": nullable(DATE), "end": nullable(DATE)}),
    "Ceremony": obj(
        {
            "date": nullable(DATE),
            "place": nullable({"type": "string", "examples": ["Strasbourg"]}),
            "occasion": nullable(ref("Text")),
        },
        description="Where and when the prize was or will be awarded; null where unknown.",
    ),
    "EditionLinks": obj(
        {
            "self": URI,
            "results": {
                **nullable(URI),
                "description": "Null until the results are public.",
            },
            "html": ref("HtmlLinks"),
        }
    ),
    "Edition": obj(EDITION_PROPERTIES),
    "EditionDetail": obj(
        {
            **EDITION_PROPERTIES,
            "criteria": {"type": "array", "items": ref("Criterion")},
        }
    ),
    "Criterion": obj(
        {
            "code": {"type": "string", "examples": ["social-rights"]},
            "name": ref("Text"),
            "description": nullable(ref("Text")),
            "weight": {
                "type": "string",
                "pattern": r"^\d+(\.\d+)?$",
                "description": "A decimal number, as a string.",
                "examples": ["1", "1.5"],
            },
            "max_score": {"type": "integer", "minimum": 1, "examples": [10]},
        }
    ),
    "Authority": obj(
        {
            "name": {"type": "string", "examples": ["City of Kragujevac"]},
            "country": COUNTRY,
            "country_name": ref("Bilingual"),
            "kind": {"type": "string", "enum": ["municipality", "region", "other_local"]},
        }
    ),
    "Laureate": obj(
        {
            "place": {"type": "integer", "minimum": 1},
            "ex_aequo": {"type": "boolean", "description": "True when the place is shared."},
            "label": {
                **ref("Bilingual"),
                "description": "The prize's wording: '2nd place ex aequo', '1re place (ex aequo)'.",
            },
            "ref": {"type": "string", "examples": ["kragujevac-2015"]},
            "authority": ref("Authority"),
            "title": nullable(ref("Text")),
            "summary": nullable(ref("Text")),
            "project_period": nullable(ref("Period")),
            "links": obj({"html": ref("HtmlLinks")}),
        }
    ),
    "EditionList": obj({"editions": {"type": "array", "items": ref("Edition")}}),
    "Results": obj(
        {
            "edition": ref("Edition"),
            "results": {
                "type": "array",
                "items": ref("Laureate"),
                "description": "The laureates, by place then authority name.",
            },
        }
    ),
    "Index": obj(
        {
            "name": {"type": "string"},
            "publisher": {"type": "string"},
            "version": {"type": "string"},
            "links": obj(
                {"editions": URI, "openapi": URI, "html": ref("HtmlLinks")},
            ),
        }
    ),
    "Error": obj({"error": {"type": "string", "description": "What went wrong, in English."}}),
}

HEADERS = {
    "ETag": {"description": "Send it back in If-None-Match to get 304 when nothing changed."},
    "Cache-Control": {"description": "public, max-age=300"},
    "Access-Control-Allow-Origin": {"description": "*"},
}


def ok(schema: str, description: str) -> dict:
    header_refs = {name: {"$ref": f"#/components/headers/{name}"} for name in HEADERS}
    return {
        "description": description,
        "headers": header_refs,
        "content": {JSON: {"schema": ref(schema)}},
    }


def failure(description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": ref("Error")}}}


COMMON_RESPONSES = {
    "304": {"description": "Not modified: the ETag in If-None-Match still holds."},
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
}
NUMBER = {
    "name": "number",
    "in": "path",
    "required": True,
    "description": "The edition's number (1 for 2007, 7 for the call of 2019).",
    "schema": {"type": "integer", "minimum": 1},
    "example": 5,
}


def get(operation_id: str, summary: str, responses: dict, **extra) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "responses": {**responses, **COMMON_RESPONSES},
            **extra,
        }
    }


PATHS = {
    "/": get("index", "Links to everything else", {"200": ok("Index", "The index.")}),
    "/editions/": get(
        "listEditions",
        "Every public edition, newest first",
        {"200": ok("EditionList", "The public editions.")},
    ),
    "/editions/{number}/": get(
        "getEdition",
        "One edition with its award criteria",
        {
            "200": ok("EditionDetail", "The edition."),
            "404": {"$ref": "#/components/responses/NoEdition"},
        },
        parameters=[NUMBER],
    ),
    "/editions/{number}/results/": get(
        "getResults",
        "The laureates of an edition whose results are public",
        {
            "200": ok("Results", "The edition and its laureates."),
            "404": failure("No public edition with that number, or its results are not public."),
        },
        parameters=[NUMBER],
        description=(
            "One item per laureate, by place then authority name. A shared place gives "
            "several items with the same place and ex_aequo true."
        ),
    ),
    "/openapi.json": {
        "get": {
            "operationId": "getOpenAPI",
            "summary": "This description of the API",
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "content": {JSON: {"schema": {"type": "object"}}},
                },
                **COMMON_RESPONSES,
            },
        }
    },
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Dosta!-Congress Prize for Municipalities: open data",
        "version": "1",
        "summary": "The editions of the prize, their award criteria and their laureates.",
        "description": (
            "A read-only JSON API published by the Council of Europe. Version 1 only ever "
            "gains fields; none is removed or renamed. The licence of the data is to be "
            "confirmed by the secretariat."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "headers": {
            name: {**value, "schema": {"type": "string"}} for name, value in HEADERS.items()
        },
        "responses": {
            "NoEdition": failure("No public edition with that number."),
            "MethodNotAllowed": failure("Only GET, HEAD and OPTIONS are accepted."),
        },
    },
}
