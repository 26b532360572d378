"""The public site against the seven past editions, in both languages."""

import io
import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import urllib3
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from prize.enums import EditionState
from submissions.files import photo_process
from submissions.models import Photo
from tests.downloads import bucket_endpoint, downloaded, is_signed_redirect
from tests.factories import (
    AuthorityFactory,
    DecisionFactory,
    EditionFactory,
    EntryFactory,
    ResultFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The visible text of a page, whitespace folded, for asserting exact wording."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&#x27;", "'").replace("&amp;", "&").replace("&nbsp;", " ")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([,.;)])", r"\1", text)


def headings(response, level: int) -> list[str]:
    html = response.content.decode()
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, flags=re.S)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip().replace("&#x27;", "'") for h in found
    ]


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        ("en", 2, ["1st place (joint)", "2nd place", "3rd place"]),
        ("fr", 2, ["1re place (ex aequo)", "2e place", "3e place"]),
        ("en", 3, ["1st place (joint)", "2nd place", "3rd place"]),
        ("fr", 3, ["1re place (ex aequo)", "2e place", "3e place"]),
        ("en", 5, ["1st place", "2nd place ex aequo", "3rd place"]),
        ("fr", 5, ["1re place", "2e place ex aequo", "3e place"]),
        ("en", 1, ["1st place", "2nd place"]),
    ],
)
def test_edition_page_words_the_places_as_the_prize_does(client, history, lang, number, expected):
    response = client.get(f"/{lang}/editions/{number}/")
    assert response.status_code == 200
    assert headings(response, 2) == expected


def test_edition_page_lists_the_joint_laureates_under_one_place(client, history):
    text = text_of(client.get("/en/editions/3/"))
    assert (
        "1st place (joint) City of Jyväskylä (Finland) Municipality of Surčin, Belgrade "
        "(Serbia) 2nd place London Borough of Southwark (United Kingdom)"
    ) in text
    assert "19 October 2011, 21st Session of the Congress, Strasbourg" in text


def test_edition_page_in_french(client, history):
    response = client.get("/fr/editions/5/")
    text = text_of(response)
    assert "2e place ex aequo Ville de Kragujevac" not in text  # names are not translated
    assert "2e place ex aequo City of Kragujevac (Serbie)" in text
    assert "21 octobre 2015, 29e session du Congrès, Strasbourg" in text
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "heading", "award"),
    [
        (
            "/en/editions/5/kragujevac-2015/",
            "2nd place of the 5th Dosta!-Congress Prize – City of Kragujevac (Serbia)",
            "2nd place ex aequo shared with City of Reggio nell'Emilia (Italy)",
        ),
        (
            "/fr/editions/5/kragujevac-2015/",
            "2e place du 5e Prix Dosta!-Congrès – City of Kragujevac (Serbie)",
            "2e place ex aequo partagée avec City of Reggio nell'Emilia (Italie)",
        ),
        (
            "/en/editions/2/mostar-2008/",
            "1st place of the 2nd Dosta!-Congress Prize – City of Mostar (Bosnia and Herzegovina)",
            "1st place (joint) shared with City of Prijedor (Bosnia and Herzegovina)",
        ),
        (
            "/fr/editions/6/sisli-2017/",
            "1re place du 6e Prix Dosta!-Congrès – Municipality of Şişli (Türkiye)",
            "1re place",
        ),
    ],
)
def test_laureate_page_heading_and_award(client, history, url, heading, award):
    response = client.get(url)
    assert response.status_code == 200
    assert headings(response, 1) == [heading]
    assert award in text_of(response)


def test_laureate_page_shows_title_as_subtitle_and_summary(client, history):
    response = client.get("/en/editions/5/kragujevac-2015/")
    html = response.content.decode()
    assert '<p class="subtitle">Parenting classes for social inclusion</p>' in html
    assert "A programme for marginalised families with children under three" in html


def test_text_in_another_language_is_marked_with_its_lang(client, history):
    html = client.get("/fr/editions/5/kragujevac-2015/").content.decode()
    assert (
        '<p class="subtitle"><span lang="en">Parenting classes for social inclusion</span>' in html
    )


def test_language_switch_keeps_the_page(client, history):
    html = client.get("/en/editions/5/kragujevac-2015/").content.decode()
    assert '<a href="/fr/editions/5/kragujevac-2015/" hreflang="fr" lang="fr">Français</a>' in html
    html = client.get("/fr/editions/").content.decode()
    assert '<a href="/en/editions/" hreflang="en" lang="en">English</a>' in html


def test_root_redirects_to_a_language(client, history):
    response = client.get("/", headers={"accept-language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_archive_lists_editions_newest_first_with_laureates(client, history):
    response = client.get("/en/editions/")
    assert headings(response, 2) == [
        f"{n}{s} Dosta!-Congress Prize for Municipalities"
        for n, s in ((7, "th"), (6, "th"), (5, "th"), (4, "th"), (3, "rd"), (2, "nd"), (1, "st"))
    ]
    text = text_of(response)
    assert "2nd place ex aequo – City of Reggio nell'Emilia (Italy)" in text
    assert "1st place – Municipality of Vitez (Bosnia and Herzegovina)" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_public_page_shows_none_or_an_empty_heading(client, history, lang):
    urls = [f"/{lang}/", f"/{lang}/editions/"]
    urls += [f"/{lang}/editions/{n}/" for n in range(1, 8)]
    urls += [f"/{lang}/editions/1/vitez-2007/", f"/{lang}/editions/3/jyvaskyla-2011/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        assert "None" not in text, url
        for level in (1, 2, 3):
            assert all(h for h in headings(response, level)), url


def test_unknown_facts_are_left_out(client, history):
    text = text_of(client.get("/en/editions/1/"))
    assert "Call of 2007, Strasbourg" in text  # no ceremony date, no occasion
    text = text_of(client.get("/en/editions/1/vitez-2007/"))
    assert "The project" not in text  # no summary known


@pytest.mark.parametrize(
    "url",
    ["/en/editions/99/", "/en/editions/5/nowhere-2015/", "/en/editions/4/ghent-2015/"],
)
def test_unknown_pages_are_404(client, history, url):
    assert client.get(url).status_code == 404


def test_draft_edition_and_unpublished_results_stay_private(client, db):
    draft = EditionFactory(number=30)
    assert client.get("/en/editions/30/").status_code == 404
    assert draft.state == EditionState.DRAFT
    result = ResultFactory(decision=DecisionFactory(edition=EditionFactory(number=31)))
    Edition = type(result.decision.edition)
    Edition.objects.filter(pk=result.decision.edition.pk).update(state=EditionState.DELIBERATION)
    assert client.get("/en/editions/31/").status_code == 200
    assert client.get(f"/en/editions/31/{result.entry.ref}/").status_code == 404
    assert result.entry.authority.name not in text_of(client.get("/en/editions/31/"))


def test_place_after_a_tie_follows_the_recorded_numbering(client, db):
    edition = EditionFactory(
        number=40, state=EditionState.ARCHIVED, places=4, place_numbering="competition"
    )
    decision = DecisionFactory(edition=edition)
    for place, ex_aequo in ((1, False), (2, True), (2, True), (4, False)):
        ResultFactory(decision=decision, place=place, ex_aequo=ex_aequo)
    response = client.get("/en/editions/40/")
    assert headings(response, 2) == ["1st place", "2nd place ex aequo", "4th place"]


def published_edition(number: int, laureates: int):
    edition = EditionFactory(number=number, state=EditionState.ARCHIVED, places=laureates)
    decision = DecisionFactory(edition=edition)
    for place in range(1, laureates + 1):
        ResultFactory(decision=decision, place=place)
    return edition


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/en/", "/en/editions/"])
def test_list_pages_run_the_same_queries_for_2_and_20_editions(client, db, path):
    for number in (1, 2):
        published_edition(number, 3)
    small = query_count(client, path)
    for number in range(3, 21):
        published_edition(number, 3)
    assert query_count(client, path) == small


def test_edition_page_runs_the_same_queries_for_2_and_20_laureates(client, db):
    published_edition(1, 2)
    published_edition(2, 20)
    assert query_count(client, "/en/editions/1/") == query_count(client, "/en/editions/2/")


@pytest.mark.parametrize(("lang", "text"), [("en", "Page not found"), ("fr", "Page introuvable")])
def test_missing_page_explains_itself_in_the_site_language(client, db, lang, text):
    response = client.get(f"/{lang}/editions/77/")
    assert response.status_code == 404
    assert headings(response, 1) == [text]
    assert f'<html lang="{lang}">' in response.content.decode()


# --- The laureate page: statement, partners, period, photos, and what <head> says -------


def jpeg_bytes(size=(2000, 1000)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def add_photo(entry, *, order: int, consented: bool, alt: str, credit: str, content: bytes):
    """A photo as photo_add stores it (renditions included), consented or not: photo_add
    itself refuses photos without the consent of the people shown, older data has them."""
    processed = photo_process(SimpleUploadedFile("photo.jpg", content, "image/jpeg"))
    photo = Photo(
        entry=entry,
        caption={"en": f"Caption {order}"},
        alt={"en": alt},
        credit=credit,
        people="consented" if consented else "",
        width=processed.width,
        height=processed.height,
        order=order,
    )
    photo.file.save("photo.jpg", ContentFile(processed.content), save=False)
    photo.large.save("large.jpg", ContentFile(processed.renditions["large"]), save=False)
    photo.thumb.save("thumb.jpg", ContentFile(processed.renditions["thumb"]), save=False)
    photo.save()
    return photo


@pytest.fixture
def awarded(db):
    """An awarded entry of a published edition, with its jury statement, partners, period,
    one photo the people shown consented to and one they did not."""
    edition = EditionFactory(
        number=8, state=EditionState.PUBLISHED, name={"en": "8th Dosta!-Congress Prize"}
    )
    authority = AuthorityFactory(name="Municipality of Şişli", country="TR")
    entry = EntryFactory(
        edition=edition,
        authority=authority,
        ref="sisli-2024",
        state="awarded",
        consent_publication=True,
        title={"en": "Schools for all", "fr": "L’école pour tous"},
        summary={"en": "Roma children go to the same schools as everyone."},
        partners=[
            {"name": "Roma Women's Association", "roma": True},
            {"name": "Ministry of Education", "roma": False},
            {"name": "  "},
        ],
        project_start=date(2024, 3, 1),
        project_end=date(2025, 6, 30),
    )
    ResultFactory(
        decision=DecisionFactory(edition=edition),
        entry=entry,
        place=2,
        ex_aequo=True,
        statement={"en": "A model of <co-operation> & trust.\n\nSecond paragraph."},
    )
    content = jpeg_bytes()
    shown = add_photo(
        entry,
        order=0,
        consented=True,
        alt="Six children reading",
        credit="Ana Demir",
        content=content,
    )
    hidden = add_photo(
        entry,
        order=1,
        consented=False,
        alt="A crowded classroom",
        credit="Bo Yilmaz",
        content=content,
    )
    return entry, shown, hidden


def head_of(response) -> str:
    return response.content.decode().split("</head>")[0]


def json_ld_of(response) -> dict:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(found) == 1
    return json.loads(found[0])


def test_laureate_page_keeps_the_authors_paragraphs_and_lists(client, awarded):
    entry = awarded[0]
    entry.description = {
        "en": "It brought together:\r\n- 120 children\r\n- 12 Roma mediators\r\n"
        "<script>alert(1)</script>\r\n\r\n-5 degrees did not stop them."
    }
    entry.save()
    html = client.get("/en/editions/8/sisli-2024/").content.decode()
    assert (
        '<div class="prose"><p>It brought together:</p>'
        "<ul><li>120 children</li><li>12 Roma mediators</li></ul>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>-5 degrees did not stop them.</p></div>"
    ) in html


def test_laureate_page_shows_only_the_photos_the_people_shown_consented_to(client, awarded):
    entry, shown, hidden = awarded
    html = client.get("/en/editions/8/sisli-2024/").content.decode()
    assert (
        f'<img src="/en/files/photos/{shown.pk}/thumb/" srcset="/en/files/photos/{shown.pk}/thumb/'
        f' 480w, /en/files/photos/{shown.pk}/large/ 1600w"'
    ) in html
    assert 'width="1600" height="800" alt="Six children reading" loading="lazy">' in html
    assert '<span class="credit">Photo: Ana Demir</span>' in html
    assert "Caption 0" in html
    assert f"/files/photos/{hidden.pk}/" not in html
    assert "A crowded classroom" not in html and "Bo Yilmaz" not in html


def test_laureate_page_shows_a_photo_with_no_identifiable_people(client, awarded):
    """The other answer that lets a photo be published (submissions.rules)."""
    entry, shown, hidden = awarded
    Photo.objects.filter(pk=hidden.pk).update(people="none")
    html = client.get("/en/editions/8/sisli-2024/").content.decode()
    assert f"/en/files/photos/{hidden.pk}/thumb/" in html
    assert downloaded(client.get(f"/en/files/photos/{hidden.pk}/large/")).status == 200


def test_laureate_photo_on_the_page_is_served_to_anyone(client, awarded):
    entry, shown, hidden = awarded
    response = downloaded(client.get(f"/en/files/photos/{shown.pk}/large/"))
    assert response.status == 200
    with Image.open(io.BytesIO(response.body)) as image:
        assert image.size == (1600, 800)
    assert client.get(f"/en/files/photos/{hidden.pk}/large/").status_code == 404


def test_a_public_photo_is_a_signed_short_lived_redirect_on_s3_and_streamed_from_files(
    client, awarded, settings
):
    entry, shown, hidden = awarded
    response = client.get(f"/en/files/photos/{shown.pk}/large/")
    assert response["X-Content-Type-Options"] == "nosniff"
    if bucket_endpoint():  # the PostgreSQL + S3 leg
        assert is_signed_redirect(response)
        # The bucket's signed address (the app holds no worker for the bytes), valid for
        # SIGNED_URL_SECONDS, naming the type and caching the bucket answers with.
        assert response.status_code == 302
        assert response["Cache-Control"] == "no-store"
        query = parse_qs(urlsplit(response["Location"]).query)
        assert query["X-Amz-Expires"] == [str(settings.SIGNED_URL_SECONDS)]
        assert settings.SIGNED_URL_SECONDS <= 300
        assert query["response-content-type"] == ["image/jpeg"]
        assert "X-Amz-Signature" in query
        served = downloaded(response)
        assert (served.status, served["Content-Type"]) == (200, "image/jpeg")
        assert served["Cache-Control"] == "public, max-age=3600"
        with shown.large.open("rb") as handle:
            assert served.body == handle.read()
        # The signature covers the type: a changed address is refused by the bucket.
        forged = response["Location"].replace("image%2Fjpeg", "text%2Fhtml")
        assert urllib3.request("GET", forged).status == 403
    else:
        assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
        assert response["Cache-Control"] == "public, max-age=3600"
        with shown.large.open("rb") as handle:
            assert b"".join(response.streaming_content) == handle.read()


def test_a_photo_not_public_gives_the_public_404_and_no_address(client, awarded):
    entry, shown, hidden = awarded
    for size in ("file", "large", "thumb"):
        response = client.get(f"/en/files/photos/{hidden.pk}/{size}/")
        assert response.status_code == 404
        assert "Location" not in response
        assert "X-Amz" not in response.content.decode()


def test_laureate_page_without_consent_to_publication_shows_no_photo(client, awarded):
    entry, shown, hidden = awarded
    type(entry).objects.filter(pk=entry.pk).update(consent_publication=False)
    html = client.get("/en/editions/8/sisli-2024/").content.decode()
    assert "/files/photos/" not in html
    assert "Photos" not in headings(client.get("/en/editions/8/sisli-2024/"), 2)


def test_laureate_page_shows_statement_partners_and_period(client, awarded):
    response = client.get("/en/editions/8/sisli-2024/")
    assert headings(response, 2) == [
        "The project",
        "The jury's statement",
        "Partners",
        "Photos",
    ]
    html = response.content.decode()
    assert "<p>A model of &lt;co-operation&gt; &amp; trust.</p><p>Second paragraph.</p>" in html
    text = text_of(response)
    assert (
        "Partners Roma Women's Association (Roma or Traveller organisation) "
        "Ministry of Education Photos"
    ) in text
    assert "Project period 1 March 2024 – 30 June 2025" in text


def test_laureate_page_in_french_marks_the_english_statement(client, awarded):
    response = client.get("/fr/editions/8/sisli-2024/")
    html = response.content.decode()
    assert '<blockquote class="prose" lang="en"><p>A model of' in html
    assert '<p class="subtitle">L’école pour tous</p>' in html
    assert "1er mars 2024 – 30 juin 2025" in text_of(response)
    assert 'alt="Six children reading" lang="en"' in html


def test_laureate_page_leaves_out_an_unknown_end_of_the_period(client, awarded):
    entry, shown, hidden = awarded
    type(entry).objects.filter(pk=entry.pk).update(project_end=None)
    text = text_of(client.get("/en/editions/8/sisli-2024/"))
    assert "Project period Started on 1 March 2024" in text


def test_laureate_page_without_statement_partners_or_photos(client, history):
    response = client.get("/en/editions/5/kragujevac-2015/")
    assert headings(response, 2) == ["The project"]


def test_laureate_page_head_has_canonical_alternates_and_open_graph(client, awarded):
    entry, shown, hidden = awarded
    head = head_of(client.get("/fr/editions/8/sisli-2024/"))
    url = "http://testserver/fr/editions/8/sisli-2024/"
    for tag in (
        f'<link rel="canonical" href="{url}">',
        '<link rel="alternate" hreflang="en" href="http://testserver/en/editions/8/sisli-2024/">',
        f'<link rel="alternate" hreflang="fr" href="{url}">',
        '<link rel="alternate" hreflang="x-default" '
        'href="http://testserver/en/editions/8/sisli-2024/">',
        '<meta property="og:title" content="2e place du 8e Prix Dosta!-Congrès – '
        'Municipality of Şişli (Türkiye)">',
        '<meta property="og:description" content="Roma children go to the same schools as '
        'everyone.">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:image" content="http://testserver/fr/files/photos/{shown.pk}/large/">',
        '<meta property="og:image:alt" content="Six children reading">',
        '<meta property="og:locale" content="fr_FR">',
        '<meta property="og:locale:alternate" content="en_GB">',
    ):
        assert tag in head, tag


def test_laureate_page_without_public_photo_has_no_og_image(client, history):
    head = head_of(client.get("/en/editions/5/kragujevac-2015/"))
    assert "og:image" not in head
    assert '<meta property="og:locale" content="en_GB">' in head


def test_laureate_structured_data_names_the_award_and_the_project(client, history):
    data = json_ld_of(client.get("/en/editions/5/kragujevac-2015/"))
    url = "http://testserver/en/editions/5/kragujevac-2015/"
    assert data["@context"] == "https://schema.org"
    authority, project = data["@graph"]
    assert authority == {
        "@type": "GovernmentOrganization",
        "@id": f"{url}#authority",
        "name": "City of Kragujevac",
        "address": {"@type": "PostalAddress", "addressCountry": "RS"},
        "award": "2nd place ex aequo – 5th Dosta!-Congress Prize for Municipalities",
    }
    assert project["@type"] == "Project"
    assert project["name"] == "Parenting classes for social inclusion"
    assert project["parentOrganization"] == {"@id": f"{url}#authority"}
    assert project["url"] == url
    assert project["description"].startswith("A programme for marginalised families")


def test_laureate_structured_data_cannot_close_its_script(client, awarded):
    entry, shown, hidden = awarded
    type(entry).objects.filter(pk=entry.pk).update(
        summary={"en": "</script><script>alert(1)</script> & more"}
    )
    response = client.get("/en/editions/8/sisli-2024/")
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in html
    project = json_ld_of(response)["@graph"][1]
    assert project["description"] == "</script><script>alert(1)</script> & more"


@pytest.mark.parametrize("photos", [1, 10])
def test_laureate_page_runs_the_same_queries_whatever_the_photos(
    client, awarded, django_assert_num_queries, photos
):
    entry, shown, hidden = awarded
    content = jpeg_bytes((64, 48))
    for order in range(2, photos + 1):
        add_photo(entry, order=order, consented=True, alt="A", credit="C", content=content)
    # Three for the laureate, one for the Alliance counter in the footer of every page.
    with django_assert_num_queries(4):
        response = client.get("/en/editions/8/sisli-2024/")
    assert response.content.decode().count("<figure>") == photos


def test_edition_page_head_has_canonical_and_the_laureates_as_description(client, history):
    head = head_of(client.get("/en/editions/5/"))
    assert '<link rel="canonical" href="http://testserver/en/editions/5/">' in head
    assert (
        '<meta property="og:title" content="5th Dosta!-Congress Prize for Municipalities">' in head
    )
    assert (
        '<meta property="og:description" content="1st place – City of Ghent (Belgium); '
        "2nd place ex aequo – City of Kragujevac (Serbia); 2nd place ex aequo – City of "
        'Reggio nell&#x27;Emilia (Italy); 3rd place – City of Madrid (Spain)">'
    ) in head
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/en/editions/5/">'
        in head
    )


def test_every_page_links_to_the_feeds_of_its_language(client, history):
    head = head_of(client.get("/fr/"))
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Résultats du prix (RSS)" '
        'href="/fr/feeds/results.rss">'
    ) in head
    assert 'type="application/atom+xml"' in head and 'href="/fr/feeds/results.atom"' in head


def test_laureate_structured_data_leaves_out_an_unknown_project(client, history):
    data = json_ld_of(client.get("/en/editions/1/vitez-2007/"))
    assert [node["@type"] for node in data["@graph"]] == ["GovernmentOrganization"]
    assert data["@graph"][0]["award"] == (
        "1st place – 1st Dosta!-Congress Prize for Municipalities"
    )
