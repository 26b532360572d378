"""News items: written, changed and removed by the secretariat."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_secretariat
from submissions.files import photo_process
from submissions.services.files import STORAGE_ERRORS, photo_files_save

from ..models import NewsItem

TEXT_FIELDS = (
    "title_en",
    "text_en",
    "title_fr",
    "text_fr",
    "photo_credit",
    "photo_alt_en",
    "photo_alt_fr",
)
FIELDS = (*TEXT_FIELDS, "both_languages", "published_on")
PHOTO_FIELDS = ("file", "large", "thumb")


def news_create(*, by, photo=None, **fields) -> NewsItem:
    """Publish a news item, with its photo if one is given.

    Side effects: one NewsItem row and, with a photo, three stored files (the photo
    pipeline's, no metadata), or nothing at all; the public pages' cache is renewed
    (results.signals). Raises PermissionDenied for anyone but the secretariat,
    ValidationError naming each field to correct."""
    _check(by)
    return _write(NewsItem(), fields, photo=photo, remove_photo=False)


def news_update(*, news_id: int, by, photo=None, remove_photo: bool = False, **fields) -> NewsItem:
    """Change a news item; a new photo replaces the old one, `remove_photo` drops it.

    Side effects: the row; the new photo's three files stored, the old ones deleted once
    the change is committed; the public pages' cache renewed."""
    _check(by)
    item = NewsItem.objects.get(pk=news_id)
    return _write(item, fields, photo=photo, remove_photo=remove_photo)


def news_delete(*, news_id: int, by) -> None:
    """Remove a news item. Side effects: the row, then its photo files once committed."""
    _check(by)
    with transaction.atomic():
        item = NewsItem.objects.select_for_update().get(pk=news_id)
        old = _photo_files(item)
        item.delete()
        transaction.on_commit(lambda: files_delete_quietly(old))


def _check(by) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can publish news."))


def _write(item: NewsItem, fields: dict, *, photo, remove_photo: bool) -> NewsItem:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, value.strip() if name in TEXT_FIELDS else value)
    old = _photo_files(item) if (photo is not None or remove_photo) else []
    if remove_photo and photo is None:
        for name in PHOTO_FIELDS:
            setattr(item, name, "")
        item.width = item.height = None
    problems: dict = {}
    new_files: list = []
    if photo is not None:
        try:
            processed = photo_process(photo)  # CPU work before any row is locked
        except ValidationError as error:
            problems["photo"] = error.messages
        else:
            photo_files_save(photo=item, processed=processed)
            item.width, item.height = processed.width, processed.height
            new_files = _photo_files(item)
    try:
        item.full_clean()
    except ValidationError as error:
        problems = {**error.message_dict, **problems}
    if problems:
        files_delete_quietly(new_files)
        raise ValidationError(problems)
    item.updated_at = timezone.now()
    try:
        with transaction.atomic():
            item.save()
            transaction.on_commit(lambda: files_delete_quietly(old))
    except BaseException:
        files_delete_quietly(new_files)
        raise
    return item


log = logging.getLogger(__name__)


def _photo_files(item: NewsItem) -> list[str]:
    """The stored names (not the FieldFiles, which a new upload renames in place)."""
    return [getattr(item, name).name for name in PHOTO_FIELDS if getattr(item, name)]


def files_delete_quietly(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except STORAGE_ERRORS as error:  # an orphan file is harmless (media_sweep)
            log.warning("could not delete %s: %s", name, error)
