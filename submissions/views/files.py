"""Private files are fetched only through here, after a permission check. The storage
keys are random and never shown; the public sees a photo only once it is part of a
published laureate page with consent."""

import mimetypes

from django.http import FileResponse, Http404

from ..models import Attachment, Photo
from ..rules import can_view_files, photo_is_public

SIZES = ("file", "large", "thumb")


def serve(field, *, public: bool, filename: str | None = None) -> FileResponse:
    try:
        handle = field.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, content_type=content_type, as_attachment=bool(filename), filename=filename or ""
    )
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=300"
    return response


def photo_file(request, pk: int, size: str):
    photo = Photo.objects.select_related("entry__edition").filter(pk=pk).first()
    if photo is None or size not in SIZES:
        raise Http404
    public = photo_is_public(photo)
    if not can_view_files(photo.entry, request.user, public=public):
        raise Http404
    field = getattr(photo, size) or photo.file
    return serve(field, public=public)


def attachment_file(request, pk: int):
    attachment = Attachment.objects.select_related("entry").filter(pk=pk).first()
    if attachment is None or not can_view_files(attachment.entry, request.user):
        raise Http404
    return serve(attachment.file, public=False, filename=attachment.name)
