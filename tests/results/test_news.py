"""News: the secretariat writes items in English and/or French; visitors read them on a
paginated page per language, a page per item, in RSS and Atom, and in the sitemap."""

import io
from datetime import date
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from results import services
from results.models import NewsItem
from tests.downloads import downloaded
from tests.factories import UserFactory
from tests.submissions.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def jpeg_with_exif() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    Image.new("RGB", (80, 60), (10, 120, 10)).save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("holiday.JPG", buffer.getvalue(), content_type="image/jpeg")


def stored_news_files() -> list[str]:
    try:
        return default_storage.listdir("private/news")[1]
    except FileNotFoundError:
        return []


def english(by, **fields) -> NewsItem:
    values = {"title_en": "The jury met", "text_en": "The jury met in Strasbourg."}
    return services.news_create(by=by, **{**values, **fields})


def french(by, **fields) -> NewsItem:
    values = {"title_fr": "Le jury s’est réuni", "text_fr": "Le jury s’est réuni."}
    return services.news_create(by=by, **{**values, **fields})


class Titles(HTMLParser):
    """The texts of the <h2> of a page: the news list's items."""

    def __init__(self, html: str):
        super().__init__()
        self.titles: list[str] = []
        self._in = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._in = True
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.titles[-1] += data


def titles(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [t for t in Titles(response.content.decode()).titles if t]


# --- Which language lists what ---------------------------------------------------------


def test_each_language_lists_its_items_and_those_marked_for_both(client, secretary):
    english(secretary, title_en="Only English")
    french(secretary, title_fr="Seulement en français")
    english(secretary, title_en="English for everyone", both_languages=True)
    services.news_create(
        by=secretary, title_en="Both", text_en="Both.", title_fr="Les deux", text_fr="Les deux."
    )
    assert titles(client, "/en/news/") == ["Both", "English for everyone", "Only English"]
    assert titles(client, "/fr/news/") == [
        "Les deux",
        "English for everyone",
        "Seulement en français",
    ]


def test_an_item_in_the_other_language_is_marked_as_such(client, secretary):
    item = english(secretary, both_languages=True)
    html = client.get("/fr/news/").content.decode()
    assert f'<article class="news-summary" aria-labelledby="news-{item.pk}" lang="en">' in html
    assert '<span lang="fr">en anglais</span>' in html
    page = client.get(f"/fr/news/{item.pk}/").content.decode()
    assert "Cette actualité n’est disponible qu’en anglais." in page


def test_an_item_not_listed_in_a_language_is_not_found_there(client, secretary):
    item = english(secretary)
    assert client.get(f"/en/news/{item.pk}/").status_code == 200
    assert client.get(f"/fr/news/{item.pk}/").status_code == 404


def test_the_news_page_is_paginated_newest_first(client, secretary):
    for day in range(1, 13):
        english(secretary, title_en=f"Day {day}", published_on=date(2026, 3, day))
    first = titles(client, "/en/news/")
    assert first == [f"Day {day}" for day in range(12, 2, -1)]
    assert titles(client, "/en/news/?page=2") == ["Day 2", "Day 1"]
    assert client.get("/en/news/?page=3").status_code == 404
    assert titles(client, "/en/news/?page=x") == first


def test_the_news_page_runs_the_same_queries_for_2_and_20_items(client, secretary, count_queries):
    for _ in range(2):
        english(secretary)
    small = count_queries(lambda: client.get("/en/news/"))
    for _ in range(18):
        english(secretary)
    assert count_queries(lambda: client.get("/en/news/")) == small


def test_an_empty_news_page_says_so_in_french(client, db):
    html = client.get("/fr/news/").content.decode()
    assert "Aucune actualité n’a encore été publiée." in html


# --- The format and the photo ----------------------------------------------------------


def test_the_item_page_shows_the_text_in_the_safe_format(client, secretary):
    item = english(
        secretary,
        text_en="## Programme\n- <b>bold?</b>\n"
        "- [link](https://www.coe.int) [x](javascript:alert(1))",
    )
    html = client.get(f"/en/news/{item.pk}/").content.decode()
    assert "<h2>Programme</h2>" in html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html
    assert '<a href="https://www.coe.int" rel="noopener noreferrer">link</a>' in html
    assert "[x](javascript:alert(1))" in html
    assert '<meta name="description" content="Programme &lt;b&gt;bold?' in html


def test_a_photo_goes_through_the_photo_pipeline_and_is_served_with_its_alt_text(client, secretary):
    item = english(
        secretary,
        photo=jpeg_with_exif(),
        photo_credit="Council of Europe",
        photo_alt_en="Seven people around a table",
    )
    assert item.file.name.startswith("private/news/") and item.file.name.endswith(".jpg")
    assert "holiday" not in item.file.name
    download = downloaded(client.get(f"/en/news/{item.pk}/photo/large/"))
    assert download["Content-Type"] == "image/jpeg"
    served = Image.open(io.BytesIO(download.body))
    assert 0x010F not in served.getexif()
    html = client.get(f"/en/news/{item.pk}/").content.decode()
    assert 'alt="Seven people around a table"' in html
    assert "Photo: Council of Europe" in html
    assert (
        f'<meta property="og:image" content="http://testserver/en/news/{item.pk}/photo/large/">'
        in html
    )


def test_a_photo_without_alternative_text_is_refused_and_nothing_is_kept(secretary):
    with pytest.raises(ValidationError) as refused:
        english(secretary, photo=SimpleUploadedFile("p.jpg", jpeg_bytes()), title_fr="T")
    assert set(refused.value.message_dict) == {"photo_alt_en", "photo_alt_fr", "text_fr"}
    assert NewsItem.objects.count() == 0
    assert stored_news_files() == []


def test_a_file_that_is_not_a_photo_is_refused_clearly(client, secretary):
    client.force_login(secretary)
    response = client.post(
        "/en/secretariat/news/new/",
        {
            "title_en": "T",
            "text_en": "Text",
            "published_on": "2026-03-01",
            "photo": SimpleUploadedFile("evil.jpg", b"<script>", content_type="image/jpeg"),
            "photo_alt_en": "x",
        },
    )
    assert response.status_code == 400
    assert "is not a JPEG, PNG or WebP image" in response.content.decode()
    assert NewsItem.objects.count() == 0
    assert stored_news_files() == []


def test_replacing_and_removing_the_photo_deletes_the_old_files(
    secretary, django_capture_on_commit_callbacks
):
    item = english(
        secretary, photo=SimpleUploadedFile("p.jpg", jpeg_bytes()), photo_alt_en="A red square"
    )
    first = item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        item = services.news_update(
            news_id=item.pk,
            by=secretary,
            photo=SimpleUploadedFile("q.jpg", jpeg_bytes(colour=(0, 0, 200))),
        )
    assert item.file.name != first and not default_storage.exists(first)
    second = item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        item = services.news_update(news_id=item.pk, by=secretary, remove_photo=True)
    assert (item.file.name, item.thumb.name) == ("", "")
    assert not default_storage.exists(second)


# --- Who writes ------------------------------------------------------------------------


def test_only_the_secretariat_writes_news(db):
    with pytest.raises(PermissionDenied):
        english(UserFactory())
    assert NewsItem.objects.count() == 0


def test_the_secretariat_writes_an_item_from_its_pages(client, secretary):
    client.force_login(secretary)
    response = client.post(
        "/fr/secretariat/news/new/",
        {"title_fr": "Cérémonie", "text_fr": "À Strasbourg.", "published_on": "2026-10-20"},
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/secretariat/news/{item.pk}/"
    assert (item.title_fr, item.published_on, item.written_in) == (
        "Cérémonie",
        date(2026, 10, 20),
        ("fr",),
    )
    response = client.post(
        f"/fr/secretariat/news/{item.pk}/",
        {"title_fr": "Cérémonie", "text_fr": "", "published_on": "2026-10-20"},
    )
    assert response.status_code == 400
    assert "Écrivez le texte qui accompagne ce titre." in response.content.decode()


def test_an_item_without_any_language_is_refused_with_a_sentence(client, secretary):
    client.force_login(secretary)
    response = client.post("/en/secretariat/news/new/", {"published_on": "2026-03-01"})
    assert response.status_code == 400
    assert "Write the item in English, in French, or in both." in response.content.decode()


def test_removing_an_item_needs_the_confirmation(client, secretary):
    item = english(secretary)
    client.force_login(secretary)
    assert client.post(f"/en/secretariat/news/{item.pk}/delete/").status_code == 302
    assert NewsItem.objects.filter(pk=item.pk).exists()
    client.post(f"/en/secretariat/news/{item.pk}/delete/", {"confirm": "yes"})
    assert not NewsItem.objects.filter(pk=item.pk).exists()


def test_the_admin_keeps_the_same_rules(client, secretary):
    item = english(secretary)
    client.force_login(secretary)
    url = f"/en/admin/results/newsitem/{item.pk}/change/"
    response = client.post(
        url, {"published_on": "2026-03-01", "title_en": "The jury met", "text_en": ""}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Write the text that goes with this title." in response.content.decode()
    item.refresh_from_db()
    assert item.text_en == "The jury met in Strasbourg."


# --- Feeds and sitemap -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_news_feeds_in_each_language_read_by_a_real_xml_parser(client, secretary, lang):
    english(secretary, title_en="Reggio nell'Emilia & <Co> won", published_on=date(2026, 3, 2))
    french(secretary, title_fr="L’appel s’ouvre", published_on=date(2026, 3, 1))
    rss = ElementTree.fromstring(client.get(f"/{lang}/feeds/news.rss").content)
    items = rss.find("channel").findall("item")
    atom = ElementTree.fromstring(client.get(f"/{lang}/feeds/news.atom").content)
    entries = atom.findall(f"{ATOM}entry")
    expected = {"en": ["Reggio nell'Emilia & <Co> won"], "fr": ["L’appel s’ouvre"]}[lang]
    assert [item.find("title").text for item in items] == expected
    assert [entry.find(f"{ATOM}title").text for entry in entries] == expected
    assert (
        items[0]
        .find("pubDate")
        .text.startswith(
            {"en": "Mon, 02 Mar 2026 12:00:00", "fr": "Sun, 01 Mar 2026 12:00:00"}[lang]
        )
    )
    assert items[0].find("link").text.startswith(f"http://testserver/{lang}/news/")


@pytest.mark.parametrize("url", ["/en/feeds/news.rss", "/en/feeds/news.atom"])
def test_a_control_character_in_an_item_leaves_the_feed_readable(client, secretary, url):
    """XML cannot hold a vertical tab or an escape: the feed leaves them out rather than
    fail for every reader (found by tests/fuzz/test_news.py)."""
    english(secretary, title_en="Jury\x0bmet", text_en="Text\x1b[31m with\x08 escapes")
    response = client.get(url)
    assert response.status_code == 200
    text = "".join(ElementTree.fromstring(response.content).itertext())
    assert "Jurymet" in text and "Text[31m with escapes" in text


def test_the_sitemap_lists_each_item_in_the_languages_that_list_it(client, secretary):
    only_english = english(secretary)
    everywhere = french(secretary, both_languages=True)
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {url.find(f"{SITEMAP}loc").text for url in urlset.findall(f"{SITEMAP}url")}
    base = "http://testserver"
    assert {f"{base}/en/news/", f"{base}/fr/news/"} <= locations
    assert f"{base}/en/news/{only_english.pk}/" in locations
    assert f"{base}/fr/news/{only_english.pk}/" not in locations
    assert {f"{base}/en/news/{everywhere.pk}/", f"{base}/fr/news/{everywhere.pk}/"} <= locations
    for location in locations:
        assert client.get(location.removeprefix(base)).status_code == 200, location


def test_a_change_shows_at_once_on_the_cached_news_page(client, secretary):
    item = english(secretary)
    assert titles(client, "/en/news/") == ["The jury met"]
    services.news_update(news_id=item.pk, by=secretary, title_en="The jury decided")
    assert titles(client, "/en/news/") == ["The jury decided"]


def test_the_admin_offers_no_way_to_upload_a_photo(client, secretary):
    item = english(secretary)
    client.force_login(secretary)
    html = client.get(f"/en/admin/results/newsitem/{item.pk}/change/").content.decode()
    assert 'name="title_en"' in html
    assert 'type="file"' not in html
    assert client.get("/en/admin/results/newsitem/add/").status_code == 403


def test_the_sitemap_runs_the_same_queries_for_2_and_20_items(client, secretary, count_queries):
    for _ in range(2):
        english(secretary)
    small = count_queries(lambda: client.get("/sitemap.xml"))
    for _ in range(18):
        french(secretary, both_languages=True)
    assert count_queries(lambda: client.get("/sitemap.xml")) == small
