"""Every URL of the site with hostile path segments and query strings, for anonymous
visitors and the secretariat, by GET and POST: never a 500, and nothing written by a
refusal."""

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import send, written_on_refusal
from tests.fuzz.sitemap import routes
from tests.fuzz.strategies import path_segments, text_values

SEGMENTS = {
    "int": st.one_of(
        st.sampled_from(["0", "1", "2", "101", "55", "9"]),
        st.integers(0, 10**30).map(str),
    ),
    "slug": st.one_of(
        st.sampled_from(["ja", "ghent-sent", "sisli", "entry-1"]),
        st.from_regex(r"\A[-a-zA-Z0-9_]{1,300}\Z"),
    ),
    "str": st.one_of(
        st.sampled_from(["thumb", "large", "scores.csv", "report.pdf", "DC9-AAAAAA"]),
        path_segments().map(lambda s: quote(s, safe="")),
    ),
    "path": path_segments().map(lambda s: quote(s, safe="") + "/"),
}
SEGMENTS["uidb64"] = SEGMENTS["token"] = SEGMENTS["str"]


def test_every_url_with_hostile_segments(people, call, jury):
    # Not @fuzzes: a GET of any page is not a form; test_coverage knows these routes.
    every = routes()
    assert len(every) > 60

    @fuzz_settings(8)
    @given(
        route=st.sampled_from(every),
        values=st.fixed_dictionaries(SEGMENTS),
        query=st.dictionaries(st.sampled_from(["page", "q", "next", "state"]), text_values()),
        method=st.sampled_from(["get", "get", "post"]),
        who=st.sampled_from(["anonymous", "secretary", "member"]),
        language=st.sampled_from(["en", "fr"]),
    )
    def example(route, values, query, method, who, language):
        user = {"secretary": people.secretary, "member": people.member_a}.get(who)
        url = route.url(values, language)
        if method == "get":
            outcome = send(user, "get", url, query=query)
        else:
            outcome = send(user, "post", url, query)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    example()
