"""Every stored file is served as what the pipeline that wrote it made it, never as its
stored name says, and with nosniff."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from submissions import services
from submissions.models import Photo
from tests.downloads import downloaded
from tests.submissions.conftest import PHOTO_TEXT, jpeg_upload, pdf_bytes
from web.files import photo_content_type

pytestmark = pytest.mark.django_db


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 200, 10, 128)).save(buffer, "PNG")
    return SimpleUploadedFile("drawing.js", buffer.getvalue(), content_type="text/javascript")


def get(client, url):
    """What the browser gets (from the bucket, on S3), and the app's own answer carries
    nosniff (the bucket's answer has the signed content type)."""
    response = downloaded(client.get(url))
    assert response.app_headers["X-Content-Type-Options"] == "nosniff"
    return response, response.body


def test_a_photo_and_its_renditions_are_served_as_the_pipeline_made_them(client, draft, member):
    photo = services.photo_add(entry_id=draft.pk, by=member, upload=png_upload(), **PHOTO_TEXT)
    client.force_login(member)
    served = {}
    for size in ("file", "large", "thumb"):
        response, body = get(client, f"/en/files/photos/{photo.pk}/{size}/")
        served[size] = (response.status, response["Content-Type"], body[:4])
    assert served == {
        "file": (200, "image/png", b"\x89PNG"),
        "large": (200, "image/jpeg", b"\xff\xd8\xff\xe0"),
        "thumb": (200, "image/jpeg", b"\xff\xd8\xff\xe0"),
    }


def test_an_attachment_is_served_as_a_pdf_download(client, draft, member):
    upload = SimpleUploadedFile("annex.html", pdf_bytes(), content_type="text/html")
    attachment = services.attachment_add(entry_id=draft.pk, by=member, upload=upload)
    client.force_login(member)
    response, body = get(client, f"/en/files/attachments/{attachment.pk}/")
    assert response.status == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert body.startswith(b"%PDF")


def test_a_stored_script_named_like_a_photo_is_a_download_of_unknown_bytes(client, draft, member):
    """An older import could store a file under its own name: whatever that name says, the
    bytes decide, and bytes that are none of the pipeline's formats are never a page."""
    photo = services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    photo.file.save("evil.js", ContentFile(b"GIF89a/*\x00*/=1;alert(document.domain)//"))
    Photo.objects.filter(pk=photo.pk).update(large="", thumb="")
    client.force_login(member)
    for size in ("file", "large"):
        response, body = get(client, f"/en/files/photos/{photo.pk}/{size}/")
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")
        assert body.startswith(b"GIF89a")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xdb" + b"\x00" * 12, "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image/png"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFF\x10\x00\x00\x00AVI LIST", "application/octet-stream"),
        (b"GIF89a\x01\x00\x01\x00", "application/octet-stream"),
        (b"<script>alert(1)", "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_a_photos_content_type_comes_from_its_first_bytes(head, expected):
    assert photo_content_type(head) == expected
