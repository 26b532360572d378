"""Photos and attachments: checked by their content, stored privately, never half-kept."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
from ..files import ProcessedPhoto, clean_filename, pdf_check, photo_process
from ..models import Attachment, Entry, Photo
from .entries import _check_can_edit

log = logging.getLogger(__name__)

# What a storage backend raises when it cannot be reached: disk errors for local files,
# botocore's for S3.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


def storage_down_error(error: Exception) -> ValidationError:
    log.warning("storage refused a file: %s", error)
    return ValidationError(
        _(
            "The file store is not answering right now, so the file was not kept. Everything "
            "else is saved. Please try again in a few minutes."
        ),
        code="storage",
    )


def _locked_entry(entry_id: int, by) -> Entry:
    entry = Entry.objects.select_for_update(of=("self",)).select_related("edition").get(pk=entry_id)
    _check_can_edit(entry, by)
    return entry


def _save_files(instance, files: dict[str, tuple[str, bytes]]) -> None:
    """Store each (field, name, bytes); if one fails, delete those already stored."""
    stored = []
    try:
        for field, (name, content) in files.items():
            getattr(instance, field).save(name, ContentFile(content), save=False)
            stored.append(getattr(instance, field))
    except STORAGE_ERRORS as error:
        files_delete_quietly(stored)
        raise storage_down_error(error) from error


def files_delete_quietly(fields) -> None:
    for field in fields:
        try:
            field.delete(save=False)
        except STORAGE_ERRORS as error:  # an orphan file is harmless; a lost row is not
            log.warning("could not delete %s: %s", field.name, error)


def photo_add(
    *, entry_id: int, by, upload, caption: str, credit: str, alt: str, people: str
) -> Photo:
    """Add a photo: decoded, re-encoded without metadata, with web renditions.

    Side effects: three stored files and one Photo row, or nothing at all."""
    problems = _photo_text_problems(caption=caption, credit=credit, alt=alt, people=people)
    try:
        processed = photo_process(upload)  # CPU work before any lock is taken
    except ValidationError as error:
        problems["file"] = error.messages
    if problems:  # the file's problem and the texts' together, so one retry suffices
        raise ValidationError(problems)
    with transaction.atomic():
        entry = _locked_entry(entry_id, by)
        count = entry.photos.count()
        if count >= rules.MAX_PHOTOS:
            raise ValidationError(
                _("An entry has at most %(n)d photos. Remove one first.") % {"n": rules.MAX_PHOTOS}
            )
        language = entry.language
        photo = Photo(
            entry=entry,
            caption={language: caption.strip()},
            credit=credit.strip(),
            alt={language: alt.strip()},
            people=people,
            width=processed.width,
            height=processed.height,
            original_name=clean_filename(upload.name, default="photo"),
            order=count,
            uploaded_by=by,
        )
        photo_files_save(photo=photo, processed=processed)
        try:
            photo.save()
        except Exception:
            files_delete_quietly([photo.file, photo.large, photo.thumb])
            raise
    return photo


def photo_files_save(*, photo: Photo, processed: ProcessedPhoto) -> None:
    """Store what photo_process made, under random names with the decoded format's
    extension (so its content type), never the upload's name. Shared by uploads and
    imports, so both store the same thing.

    Side effects: three stored files, or none (ValidationError when the store is down)."""
    _save_files(
        photo,
        {
            "file": (f"photo.{processed.extension}", processed.content),
            "large": ("large.jpg", processed.renditions["large"]),
            "thumb": ("thumb.jpg", processed.renditions["thumb"]),
        },
    )


def _photo_text_problems(*, caption: str, credit: str, alt: str, people: str) -> dict:
    problems = {}
    if not caption.strip():
        problems["caption"] = _("Give the photo a caption.")
    if not credit.strip():
        problems["credit"] = _("Say who took the photo (the credit).")
    if not alt.strip():
        problems["alt"] = _("Describe the photo for people who cannot see it (alternative text).")
    if not rules.photo_people_cleared(people):
        problems["people"] = _(
            "Say whether the photo shows identifiable people: choose “No identifiable people "
            "in this photo” or “The people shown have consented”."
        )
    return problems


def photo_update(*, photo_id: int, by, caption: str, credit: str, alt: str, people: str) -> Photo:
    """Change a photo's caption, credit, alternative text or what it says of the people
    shown (`people`: a PhotoPeople value, one of rules.PEOPLE_CLEARED). Side effects: the
    row."""
    problems = _photo_text_problems(caption=caption, credit=credit, alt=alt, people=people)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        photo = Photo.objects.select_related("entry").get(pk=photo_id)
        entry = _locked_entry(photo.entry_id, by)
        photo.caption = {**(photo.caption or {}), entry.language: caption.strip()}
        photo.alt = {**(photo.alt or {}), entry.language: alt.strip()}
        photo.credit = credit.strip()
        photo.people = people
        photo.save()
    return photo


def photo_remove(*, photo_id: int, by) -> None:
    """Remove a photo. Side effects: the row, then (after commit) its files."""
    with transaction.atomic():
        photo = Photo.objects.get(pk=photo_id)
        _locked_entry(photo.entry_id, by)
        files = [photo.file, photo.large, photo.thumb]
        photo.delete()
        transaction.on_commit(lambda: files_delete_quietly(files))


def attachment_add(*, entry_id: int, by, upload) -> Attachment:
    """Attach a PDF, checked by its content. Side effects: one file and one row, or none."""
    pdf_check(upload)
    with transaction.atomic():
        entry = _locked_entry(entry_id, by)
        if entry.attachments.count() >= rules.MAX_ATTACHMENTS:
            raise ValidationError(
                _("An entry has at most %(n)d attachments. Remove one first.")
                % {"n": rules.MAX_ATTACHMENTS}
            )
        upload.seek(0)
        attachment = Attachment(
            entry=entry,
            name=clean_filename(upload.name, default="document.pdf"),
            size=upload.size,
            uploaded_by=by,
        )
        _save_files(attachment, {"file": ("document.pdf", upload.read())})
        try:
            attachment.save()
        except Exception:
            files_delete_quietly([attachment.file])
            raise
    return attachment


def attachment_remove(*, attachment_id: int, by) -> None:
    """Remove an attachment. Side effects: the row, then (after commit) its file."""
    with transaction.atomic():
        attachment = Attachment.objects.get(pk=attachment_id)
        _locked_entry(attachment.entry_id, by)
        file = attachment.file
        attachment.delete()
        transaction.on_commit(lambda: files_delete_quietly([file]))
