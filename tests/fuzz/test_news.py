"""Fuzzing the news: the secretariat's form (texts in the safe text format, a date, a photo
of any content and its alternative texts), the removal, and the public list's page
number. What the form accepts is then shown: the item's page, the list and the feeds
answer without a 500."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from results import services
from results.forms import NewsForm
from results.models import NewsItem
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import (
    RICH_TEXT,
    bool_values,
    date_values,
    form_data,
    number_values,
    rich_text_values,
    text_values,
    uploads,
    wire,
)
from tests.results.test_import_strict import stored_files
from tests.submissions.conftest import jpeg_upload

VALID_NEWS = {
    "title_en": "The jury met",
    "text_en": "## Strasbourg\n\nThe jury met.\n\n- one\n- two",
    "title_fr": "Le jury s’est réuni",
    "text_fr": "Le jury s’est réuni à [Strasbourg](https://www.coe.int).",
    "published_on": "2026-05-04",
    "photo_credit": "Council of Europe",
    "photo_alt_en": "Seven people around a table",
    "photo_alt_fr": "Sept personnes autour d’une table",
}
MISSING = 999_999


@dataclass
class News:
    photo: NewsItem  # in English, with a photo
    plain: NewsItem  # in French, no photo


@pytest.fixture
def news(people) -> News:
    photo = services.news_create(
        by=people.secretary,
        photo=jpeg_upload(),
        title_en="The call is open",
        text_en="Apply by 30 June.",
        photo_alt_en="The Congress's hemicycle",
    )
    plain = services.news_create(
        by=people.secretary, title_fr="Le jury est nommé", text_fr="Sept membres."
    )
    return News(photo=photo, plain=plain)


def shown(since) -> dict[str, int]:
    """The public pages of the item written since `since` (none: no page), as an
    anonymous visitor gets them: in the same transaction, before it is rolled back."""
    item = NewsItem.objects.filter(updated_at__gte=since).order_by("-updated_at").first()
    if item is None:
        return {}
    visitor = Client()
    urls = [f"/{lang}/news/{item.pk}/" for lang in ("en", "fr")]
    urls += ["/en/news/", "/fr/news/", "/en/feeds/news.rss", "/fr/feeds/news.atom"]
    return {url: visitor.get(url).status_code for url in urls}


@fuzzes("results:secretariat_news_new", "results:secretariat_news_edit", forms=(NewsForm,))
def test_news_form(people, news):
    fields = NewsForm(has_photo=True).fields
    extras = {
        "text_en": rich_text_values(),
        "text_fr": rich_text_values(),
        "published_on": st.one_of(date_values(), text_values()),
        "photo": uploads(),
        "remove_photo": bool_values(),
    }
    pks = {"new": None, "photo": news.photo.pk, "plain": news.plain.pk, "missing": MISSING}

    valid = {name: [wire(value)] for name, value in VALID_NEWS.items()}
    hostile = valid | {
        "title_en": [wire("Jury\x0bmet\x1b[31m")],
        "text_en": [wire("\n\n".join(RICH_TEXT[:12]))],
        "remove_photo": [b"on"],
    }

    @fuzz_settings(3)
    @given(
        data=form_data(fields, extras, VALID_NEWS),
        photo=st.one_of(st.none(), st.builds(jpeg_upload), uploads()),
        target=st.sampled_from(["new", "new", "photo", "plain", "missing"]),
    )
    @example(data=valid, photo=jpeg_upload(), target="new")  # accepted, then shown
    @example(data=hostile, photo=None, target="photo")
    def allowed(data, photo, target):
        pk = pks[target]
        if photo is not None:  # a photo, often a real one, with the texts drawn
            data["photo"] = [photo]
        url = "/en/secretariat/news/new/" if target == "new" else f"/en/secretariat/news/{pk}/"
        files_before, since = stored_files(), timezone.now()
        outcome = send(people.secretary, "post", url, data, probe=lambda: shown(since))
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if target == "missing":
            assert outcome.status == 404
        elif outcome.refused or outcome.status == 200:  # 200: no field sent, the blank form
            assert outcome.changed == []
            assert stored_files() == files_before  # a refused photo's files are removed
        else:
            assert outcome.status == 302
            assert "results.NewsItem" in outcome.changed
            pages = outcome.probed
            assert all(status in (200, 404) for status in pages.values()), pages
            item_pages = [s for url, s in pages.items() if url.rstrip("/")[-1].isdigit()]
            assert 200 in item_pages  # listed in at least the language it is written in
            assert all(status == 200 for url, status in pages.items() if "feeds" in url)

    @fuzz_settings(0.3)
    @given(data=form_data(fields, extras), target=st.sampled_from(sorted(pks)))
    def refused(data, target):
        url = (
            "/en/secretariat/news/new/"
            if target == "new"
            else f"/en/secretariat/news/{pks[target]}/"
        )
        outcome = send(people.member_a, "post", url, data)
        assert outcome.status == 403
        assert outcome.changed == []

    allowed()
    refused()


@fuzzes("results:secretariat_news_delete")
def test_news_removal(people, news):
    pks = [news.photo.pk, news.plain.pk, MISSING]
    confirm = st.one_of(
        st.sampled_from(["yes", "yes", "YES", "on", "true", " yes", "yes\x00", ""]).map(wire),
        text_values(),
    )

    @fuzz_settings(2)
    @given(
        data=form_data({}, {"confirm": confirm}),
        pk=st.sampled_from(pks),
        role=st.sampled_from(["secretary", "secretary", "member", "anonymous"]),
        method=st.sampled_from(["post", "post", "get"]),
    )
    def example(data, pk, role, method):
        user = {"secretary": people.secretary, "member": people.member_a}.get(role)
        url = f"/en/secretariat/news/{pk}/delete/"
        outcome = send(user, method, url, data)
        assert written_on_refusal(outcome) == []
        if method == "get":
            assert outcome.status == 405
        elif role == "member":
            assert outcome.status == 403
        elif role == "anonymous":
            assert outcome.status == 302 and outcome.response["Location"].startswith(
                "/en/accounts/login/"
            )
        elif pk == MISSING:
            assert outcome.status == 404
        else:
            assert outcome.status == 302
            removed = data.get("confirm", [b""])[-1] == b"yes"
            assert outcome.refused != removed  # unconfirmed: an error message, no change
            assert outcome.changed == (["results.NewsItem"] if removed else [])

    example()


@fuzzes("results:news")
def test_news_list_pages(people, news):
    for n in range(12):  # two pages in English
        services.news_create(by=people.secretary, title_en=f"Item {n}", text_en="Text.")

    @fuzz_settings(2)
    @given(
        page=st.lists(st.one_of(number_values(), text_values()), max_size=2),
        lang=st.sampled_from(["en", "fr"]),
    )
    def example(page, lang):
        outcome = send(None, "get", f"/{lang}/news/", query={"page": page})
        last = page[-1].decode("utf-8", "replace") if page else ""
        digits = last.isascii() and last.isdigit() and len(last) <= 6
        # A page number past the last is not found; anything that is not a number is
        # the first page.
        pages = 2 if lang == "en" else 1
        expected = 404 if digits and not 1 <= int(last) <= pages else 200
        if digits and int(last) == 0:
            expected = 404
        assert outcome.status == expected, (last, outcome.status)
        assert outcome.changed == []

    example()
