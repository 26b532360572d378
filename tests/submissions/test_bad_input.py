"""Bad input through the entry form: each gets a clear message, and the draft stays as
it was (its text saved, no photo or attachment half-kept, no file left in the storage)."""

import io
import re
import socket

import pytest
from botocore.config import Config
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from submissions.models import Entry
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def png_bytes(size, colour="white") -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


BAD_PHOTOS = {
    "text renamed .jpg": (
        "holiday.jpg",
        b"just some text, not a picture",
        "“holiday.jpg” is not a JPEG, PNG or WebP image.",
    ),
    "truncated jpeg": (
        "cut.jpg",
        jpeg_bytes(size=(400, 300))[:1500],
        "“cut.jpg” is damaged or incomplete",
    ),
    "decompression bomb": (
        "bomb.png",
        png_bytes((8000, 6000)),
        "“bomb.png” is 8000 × 6000 pixels (48.0 megapixels); a photo may have at most 40",
    ),
    "empty file": ("empty.jpg", b"", "“empty.jpg” is empty (0 bytes)."),
    "svg": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "“logo.svg” is not a JPEG, PNG or WebP image.",
    ),
    "oversize": (
        "huge.jpg",
        jpeg_bytes() + b"\0" * (10 * 1024 * 1024),
        "a photo may be at most 10 MB",
    ),
}


def post_photo(client, entry, name, content):
    entry.refresh_from_db()
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    data = {
        "version": entry.version,
        "language": "en",
        "results": "Typed with the upload.",
        "action": "save",
        "photo": upload,
        "photo_caption": PHOTO_TEXT["caption"],
        "photo_credit": PHOTO_TEXT["credit"],
        "photo_alt": PHOTO_TEXT["alt"],
        "photo_people": "consented",
    }
    return client.post(f"/en/entries/{entry.ref}/edit/", data)


def stored_files() -> list[str]:
    try:
        return default_storage.listdir("private/photos")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize("case", BAD_PHOTOS, ids=list(BAD_PHOTOS))
def test_a_bad_photo_is_refused_clearly_and_the_draft_is_kept(client, draft, member, case):
    name, content, message = BAD_PHOTOS[case]
    client.force_login(member)
    response = post_photo(client, draft, name, content)
    assert response.status_code == 400
    assert message in response.text
    assert 'value="Children at the new school"' in response.text  # the typed caption
    draft.refresh_from_db()
    assert draft.results == "Typed with the upload."
    assert draft.photos.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.jpg", "C:\\Users\\ana\\photo.jpg", "a" * 296 + ".jpg"],
    ids=["path", "windows-path", "300-characters"],
)
def test_a_strange_file_name_is_cleaned_and_never_used_as_a_path(client, draft, member, name):
    client.force_login(member)
    response = post_photo(client, draft, name, jpeg_bytes())
    assert response.status_code == 302
    photo = draft.photos.get()
    assert "/" not in photo.original_name and "\\" not in photo.original_name
    assert len(photo.original_name) <= 100
    assert photo.file.name.startswith("private/photos/")
    assert ".." not in photo.file.name


def test_a_bad_name_in_a_refusal_message_is_cleaned(client, draft, member):
    client.force_login(member)
    response = post_photo(client, draft, "../../" + "b" * 300 + ".jpg", b"not an image")
    assert response.status_code == 400
    assert "../" not in response.text.split("<main", 1)[1]
    assert "b" * 101 not in response.text


@pytest.mark.parametrize(
    "content, message",
    [
        (jpeg_bytes(), "“annex.pdf” is not a PDF document, or it is incomplete."),
        (b"%PDF-1.7 but cut short", "“annex.pdf” is not a PDF document, or it is incomplete."),
        (b"", "“annex.pdf” is empty (0 bytes)."),
    ],
    ids=["jpeg-renamed", "truncated", "empty"],
)
def test_a_pdf_that_is_not_a_pdf_is_refused(client, draft, member, content, message):
    client.force_login(member)
    upload = SimpleUploadedFile("annex.pdf", content, content_type="application/pdf")
    data = {"version": draft.version, "language": "en", "action": "save", "attachment": upload}
    response = client.post(f"/en/entries/{draft.ref}/edit/", data)
    assert response.status_code == 400
    assert message in response.text
    assert draft.attachments.count() == 0


def test_at_most_five_attachments(client, draft, member):
    client.force_login(member)
    for n in range(6):
        draft.refresh_from_db()
        upload = SimpleUploadedFile(f"a{n}.pdf", pdf_bytes(), content_type="application/pdf")
        data = {"version": draft.version, "language": "en", "action": "save", "attachment": upload}
        response = client.post(f"/en/entries/{draft.ref}/edit/", data)
    assert response.status_code == 400
    assert "An entry has at most 5 attachments. Remove one first." in response.text
    assert draft.attachments.count() == 5


def test_html_and_script_in_every_text_field_is_shown_as_text(client, draft, member):
    fill(
        draft,
        member,
        title={"en": SCRIPT, "fr": SCRIPT},
        summary={"en": SCRIPT},
        description={"en": SCRIPT + "\n\n- " + SCRIPT},
        funding=SCRIPT,
        partners=[{"name": SCRIPT, "roma": True}],
        participation=SCRIPT,
        results=SCRIPT,
        statements={c.code: SCRIPT for c in draft.edition.criteria.all()},
    )
    client.force_login(member)
    for url in (f"/en/entries/{draft.ref}/", f"/en/entries/{draft.ref}/edit/"):
        page = client.get(url).text
        scripts = re.findall(r"<script[^>]*>", page)  # the site's own files only
        assert all(re.fullmatch(r'<script src="/static/[^"]+" defer>', tag) for tag in scripts)
        assert "<img src=x" not in page, url
        assert page.count("&lt;script&gt;alert(") >= 9, url


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_s3_server_down_during_an_upload_keeps_the_draft_and_says_so(
    client, draft, member, settings
):
    """A real S3 client pointed at a port where no server answers."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "endpoint_url": f"http://127.0.0.1:{closed_port()}",
                "bucket_name": "dosta",
                "access_key": "key",
                "secret_key": "secret",
                "region_name": "us-east-1",
                "client_config": Config(connect_timeout=1, retries={"max_attempts": 1}),
            },
        },
    }
    client.force_login(member)
    response = post_photo(client, draft, "ok.jpg", jpeg_bytes())
    assert response.status_code == 400
    assert "The file store is not answering right now, so the file was not kept." in response.text
    entry = Entry.objects.get(pk=draft.pk)
    assert entry.results == "Typed with the upload."
    assert entry.photos.count() == 0
