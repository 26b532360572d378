"""The photos and attachments of entries, after the permission check of submissions'
rules; the serving itself is web.files."""

from django.http import Http404

from web.files import PDF, SIZES, serve, serve_photo

from ..models import Attachment, Photo
from ..rules import can_view_files, photo_is_public


def photo_file(request, pk: int, size: str):
    photo = Photo.objects.select_related("entry__edition").filter(pk=pk).first()
    if photo is None or size not in SIZES:
        raise Http404
    public = photo_is_public(photo)
    if not can_view_files(photo.entry, request.user, public=public):
        raise Http404
    return serve_photo(photo, size, public=public)


def attachment_file(request, pk: int):
    attachment = Attachment.objects.select_related("entry").filter(pk=pk).first()
    if attachment is None or not can_view_files(attachment.entry, request.user):
        raise Http404
    return serve(attachment.file, content_type=PDF, public=False, filename=attachment.name)
