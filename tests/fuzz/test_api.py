"""Fuzzing the JSON API (/api/v1/): any path, query string, method and header gets an
answer below 500, in JSON whenever it is an error of the API, and writes nothing."""

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from tests.factories import published_edition
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, json_body, send
from tests.fuzz.strategies import path_segments, text_values

API_PATHS = [
    "",
    "editions/",
    "editions/{n}/",
    "editions/{n}/results/",
    "openapi.json",
    "{s}/",
    "editions/{s}/",
    "editions/{n}/{s}/",
    "editions/{s}/results/",
]
METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
ETAGS = ['"abc"', "*", 'W/"x"', '"', "", "\x00", '"a", "b"', "x" * 5000]


def _headers():
    return st.fixed_dictionaries(
        {},
        optional={
            "If-None-Match": st.sampled_from(ETAGS),
            "If-Modified-Since": st.sampled_from(["yesterday", "Wed, 21 Oct 2015 07:28:00 GMT"]),
            "Accept": st.sampled_from(["*/*", "text/html", "application/xml", "\x7f"]),
            "Accept-Language": st.sampled_from(["fr", "xx-YY;q=2", "*", ";;;"]),
            "Origin": st.sampled_from(["https://evil.example", "null"]),
        },
    )


@fuzzes(
    "api:root",
    "api:index",
    "api:editions",
    "api:edition",
    "api:results",
    "api:openapi",
    "api:not_found",
)
def test_api(db):
    published_edition(8)
    number = st.one_of(st.sampled_from(["8", "1", "0"]), st.integers(-1, 10**25).map(str))

    @fuzz_settings(4)
    @given(
        template=st.sampled_from(API_PATHS),
        n=number,
        segment=path_segments(),
        method=st.sampled_from(METHODS),
        headers=_headers(),
        query=st.dictionaries(st.text(max_size=8), text_values(), max_size=3),
        body=text_values(),
    )
    def example(template, n, segment, method, headers, query, body):
        path = "/api/v1/" + template.format(n=n, s=quote(segment, safe=""))
        if method in ("GET", "HEAD"):
            outcome = send(None, method, path, headers=headers, query=query)
        else:
            outcome = send(None, method, path, body, headers=headers, content_type="text/plain")
        assert outcome.status < 500
        assert outcome.changed == []
        response = outcome.response
        if outcome.status >= 400 and method != "HEAD":
            assert set(json_body(response)) == {"error"}
        if outcome.status == 200 and method == "GET":
            assert isinstance(json_body(response), dict)
        if outcome.status == 304:
            assert response.content == b""

    example()
