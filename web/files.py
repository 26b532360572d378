"""Stored files served after the caller's permission check (the ground floor: every
app's downloads go through here). Private files are fetched only through here. The storage
keys are random and never shown; the public sees a photo only once it is part of a
published laureate page with consent.

With files on disk (the embedded default) the file is streamed by the app server. With
S3 the answer is a redirect to a signed URL of the bucket that expires after
SIGNED_URL_SECONDS: the bytes go from the bucket to the browser without holding one of
the app server's workers, and the signature names the content type, disposition and
caching the bucket must answer with."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

SIZES = ("file", "large", "thumb")
PDF = "application/pdf"
JPEG = "image/jpeg"
# The formats the photo pipeline writes (submissions.files), by their first bytes.
_PHOTO_SIGNATURES = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
_UNKNOWN = "application/octet-stream"


def photo_content_type(head: bytes) -> str:
    """The content type of a stored photo from its first bytes: one of the three formats
    the pipeline writes (JPEG, PNG, WebP), else a download of unknown bytes. Never from
    the stored name, which an older import may have taken from the file it was given."""
    for signature, content_type in _PHOTO_SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return _UNKNOWN


def serve(field, *, content_type: str, public: bool, filename: str | None = None):
    """A stored file as `content_type`, which the caller knows from the pipeline that
    wrote it (PDF for attachments, letters and certificates; JPEG for photo renditions),
    with nosniff so that no browser second-guesses it. Unknown bytes are a download.
    Call it only after the permission check: on S3 it answers with a signed redirect."""
    as_attachment = bool(filename) or content_type == _UNKNOWN
    caching = "public, max-age=3600" if public else "private, max-age=300"
    if not field:
        raise Http404
    if isinstance(field.storage, S3Storage):
        return _signed_redirect(field, content_type, as_attachment, filename, caching)
    try:
        handle = field.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=as_attachment, filename=filename or ""
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = caching
    return response


def _signed_redirect(field, content_type, as_attachment, filename, caching):
    """302 to a signed URL of the object, valid SIGNED_URL_SECONDS. The bucket answers
    with the content type, disposition and caching signed into it (whatever type the
    object was stored with). The redirect itself is kept by no cache: a stored one would
    outlive its signature."""
    parameters = {"ResponseContentType": content_type, "ResponseCacheControl": caching}
    disposition = content_disposition_header(as_attachment, filename or field.name)
    if as_attachment and disposition:
        parameters["ResponseContentDisposition"] = disposition
    url = field.storage.url(field.name, parameters=parameters, expire=settings.SIGNED_URL_SECONDS)
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_photo(photo, size: str, *, public: bool):
    """A photo's web rendition (always JPEG; `size` one of SIZES, the photo's field of
    that name) or, when asked or when it has none, the full-size file, whose type is
    read from its first bytes."""
    rendition = getattr(photo, size) if size != "file" else None
    if rendition:
        return serve(rendition, content_type=JPEG, public=public)
    try:
        head = _first_bytes(photo.file)
    except (OSError, ValueError):
        raise Http404 from None
    return serve(photo.file, content_type=photo_content_type(head), public=public)


def _first_bytes(field, count: int = 16) -> bytes:
    """The file's first bytes; from S3 by a ranged GET (reading the S3 file would fetch
    all of it)."""
    if isinstance(field.storage, S3Storage):
        with field.storage.open(field.name, "rb") as handle:  # a HEAD: FileNotFoundError
            try:
                return handle.obj.get(Range=f"bytes=0-{count - 1}")["Body"].read()
            except Exception as error:  # botocore's: gone, refused, timed out
                raise OSError(str(error)) from error
    with field.open("rb") as handle:
        return handle.read(count)
