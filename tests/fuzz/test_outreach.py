"""Fuzzing the opt-out links of announcements and reminders: the page's two buttons and
the mail programs' one-click POST, with the person's token as it was sent, altered,
truncated, signed for something else or made up. A token that is not one of ours is a
404 that names nobody, never a 500; nothing changes but on a real token's own buttons."""

from urllib.parse import quote

from django.core import signing
from hypothesis import example, given
from hypothesis import strategies as st

from outreach.services import opt_out_set
from outreach.tokens import SALT, opt_out_token
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import form_data, path_segments, text_values, wire

STOP, RESUME = {"choice": [b"stop"]}, {"choice": [b"resume"]}
ONE_CLICK = {"List-Unsubscribe": [b"One-Click"]}  # RFC 8058's body
CHOICES = ["stop", "resume", "STOP", " stop", "stop\x00", "unsubscribe", ""]


def tokens(good: str, gone: str) -> st.SearchStrategy[tuple[str, bool]]:
    """(token, whether it names the person): the real one, and tokens an attacker or a
    mangling mail program may make of it."""
    body, _sep, signature = good.rpartition(":")
    altered = [
        good[:-1],
        good + "x",
        good.upper(),
        good.replace(":", ".", 1),
        f"{body}:{signature[::-1]}",
        f"{body[::-1]}:{signature}",
        good[: len(good) // 2],
        ":" + good,
        good.replace(":", "::"),
        gone,  # ours, for an account that is gone
        signing.dumps({"u": 1}, salt="accounts.other"),  # signed for something else
        signing.dumps({"u": 1}),
    ]
    return st.one_of(
        st.just((good, True)),
        st.just((good, True)),
        st.sampled_from(altered).map(lambda t: (t, False)),
        path_segments().map(lambda t: (t, False)),
    )


@fuzzes("outreach:opt_out", "outreach:one_click")
def test_opt_out_links(people):
    person = people.member_a
    opted_out = people.member_b
    opt_out_set(user=opted_out, opted_out=True)
    good = {
        "person": opt_out_token(person),
        "opted_out": opt_out_token(opted_out),
    }
    gone = signing.dumps({"u": 999_999}, salt=SALT)
    # (whose link, the token, whether it names them)
    links = st.sampled_from(sorted(good)).flatmap(
        lambda whose: tokens(good[whose], gone).map(lambda found: (whose, *found))
    )
    choice = st.one_of(st.sampled_from(CHOICES).map(wire), text_values())
    header = st.one_of(
        st.sampled_from(["One-Click", "one-click", "One-Click ", "", "Yes"]).map(wire),
        text_values(),
    )

    @fuzz_settings(2)
    @given(
        link=links,
        data=form_data({}, {"choice": choice}),
        method=st.sampled_from(["post", "post", "get"]),
        logged_in=st.booleans(),
    )
    @example(link=("person", good["person"], True), data=STOP, method="post", logged_in=False)
    @example(
        link=("opted_out", good["opted_out"], True), data=RESUME, method="post", logged_in=True
    )
    def page(link, data, method, logged_in):
        whose, value, real = link
        url = f"/en/announcements/opt-out/{quote(value, safe='')}/"
        user = people.secretary if logged_in else None  # the link works logged in or not
        outcome = send(user, method, url, data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not real:
            assert outcome.status == 404
            assert outcome.changed == []
        elif method == "get":
            assert outcome.status == 200
            assert outcome.changed == []  # a mail scanner opening the link changes nothing
        else:
            last = data.get("choice", [b""])[-1]
            if last in (b"stop", b"resume"):
                assert outcome.status == 302
                now_out = last == b"stop"
                was_out = whose == "opted_out"
                assert outcome.changed == ([] if now_out == was_out else ["outreach.OptOut"])
            else:
                assert outcome.status == 400
                assert outcome.changed == []

    @fuzz_settings(2)
    @given(
        link=links,
        data=form_data({}, {"List-Unsubscribe": header}),
        method=st.sampled_from(["post", "post", "get"]),
    )
    @example(link=("person", good["person"], True), data=ONE_CLICK, method="post")
    def one_click(link, data, method):
        whose, value, real = link
        url = f"/en/announcements/opt-out/{quote(value, safe='')}/one-click/"
        outcome = send(None, method, url, data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not real:
            assert outcome.status == 404
            assert outcome.changed == []
        elif method == "post" and data.get("List-Unsubscribe", [b""])[-1] == b"One-Click":
            assert outcome.status == 200
            assert outcome.changed == ([] if whose == "opted_out" else ["outreach.OptOut"])
        else:  # anything else is shown the page, which asks
            assert outcome.status == 302
            assert outcome.changed == []

    page()
    one_click()
