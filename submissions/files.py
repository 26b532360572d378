"""Checks and processing of the files local authorities upload with their entries.

Pure functions: no database, no storage, no models. A refusal is a ValidationError with one
message a person can act on; the name in it is always the cleaned base name, so a path or a
300-character name is never echoed back raw.
"""

import io
import math
import re
import struct
import warnings
import zlib
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from web.transliteration import ascii_text

MAX_PHOTO_BYTES = 10 * 1024 * 1024  # 10 MB
MAX_PHOTO_PIXELS = 40_000_000  # 40 megapixels
MAX_PDF_BYTES = 20 * 1024 * 1024  # 20 MB
# What a file input offers to choose (the `accept` attribute): the formats checked here.
PHOTO_TYPES = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"
PDF_TYPES = "application/pdf,.pdf"
RENDITIONS = {"large": 1600, "thumb": 480}  # longest side in pixels; never upscale
# The stored photo's longest side: plenty for the web and for print (A5 at 300 dpi is
# 2480 px wide). A 24-40 MP camera picture is reduced to it, which also keeps the
# server's memory small: a 40 MP RGB image is 160 MB in memory, a 3200 px one 27 MB.
MAX_STORED_SIDE = 3200
# A JPEG is decoded at 1/2, 1/4 or 1/8 of its size (in the DCT, at almost no cost) when
# its longest side stays at least this: never far below the stored size.
_DRAFT_FLOOR = MAX_STORED_SIDE * 9 // 10

_MB = 1024 * 1024
_MAX_NAME = 100
# Only these decoders ever see an upload: fewer parsers, less attack surface. "MPO" is not
# listed, but Pillow's JPEG opener turns phone JPEGs with a depth map or preview into MPO.
_ACCEPTED_FORMATS = ["JPEG", "PNG", "WEBP"]
# Decoded format -> (extension, content type, format to save in).
_KINDS = {
    "JPEG": ("jpg", "image/jpeg", "JPEG"),
    "MPO": ("jpg", "image/jpeg", "JPEG"),
    "PNG": ("png", "image/png", "PNG"),
    "WEBP": ("webp", "image/webp", "WEBP"),
}
_SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
# What a broken file makes Pillow's decoders raise (truncated data, bad checksums...).
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,16}")


@dataclass(frozen=True)
class ProcessedPhoto:
    content: bytes  # the re-encoded full-size image, all metadata removed
    extension: str  # "jpg", "png" or "webp" (the decoded format, not the file name)
    content_type: str  # "image/jpeg", ...
    width: int
    height: int
    renditions: dict[str, bytes]  # "large"/"thumb" -> JPEG bytes (web renditions)


# --- File names -------------------------------------------------------------------------


def clean_filename(name: str, *, default: str = "file") -> str:
    """A safe base name for storage: no directory parts (/ and \\ and ..), no control
    characters, only [A-Za-z0-9._-] after transliterating (web/transliteration.py),
    lower-case extension, at most 100 characters (keeping the extension), never empty."""
    # Both separators: a name typed on Windows arrives as "C:\\Users\\x\\photo.JPG".
    base = re.split(r"[/\\]", name or "")[-1]
    ascii_name = ascii_text(base)  # "Фото école.jpg" → "Foto ecole.jpg"
    safe = _DOTS.sub(".", _UNSAFE.sub("_", _CONTROL.sub("", ascii_name)))
    stem, dot, extension = safe.rpartition(".")
    if not (dot and _EXTENSION.fullmatch(extension)):  # "photo", "notes.v2-final": none
        stem, extension = safe, ""
    suffix = f".{extension.lower()}" if extension else ""
    # Leading dots would make a hidden file; trailing ones and "_" are noise.
    stem = stem[: _MAX_NAME - len(suffix)].strip("._-") or default
    return f"{stem}{suffix}"


# --- Photos -----------------------------------------------------------------------------


def photo_process(upload) -> ProcessedPhoto:
    """Check an uploaded photo and re-encode it without any metadata, with web renditions.

    Raises ValidationError for an empty or oversized file, a file that is not a JPEG, PNG or
    WebP image, a damaged one, or one with more than MAX_PHOTO_PIXELS pixels.
    """
    name = clean_filename(upload.name or "")
    _check_photo_size(upload, name)
    image = _open_photo(upload, name)
    try:
        extension, content_type, save_format = _KINDS[image.format]
        image = _capped(image)
        image = _normalised(image, save_format, name)
        return ProcessedPhoto(
            content=_encode(image, save_format, **_SAVE_OPTIONS[save_format]),
            extension=extension,
            content_type=content_type,
            width=image.width,
            height=image.height,
            renditions=_renditions(image),
        )
    finally:
        image.close()
        upload.seek(0)


def _check_photo_size(upload, name: str) -> None:
    _check_size(
        upload,
        name,
        MAX_PHOTO_BYTES,
        empty=_("“%(name)s” is empty (0 bytes). Choose the photo file again."),
        too_large=_(
            "“%(name)s” is %(size)s MB; a photo may be at most %(limit)s MB. "
            "Make it smaller and upload it again."
        ),
    )


def _open_photo(upload, name: str) -> Image.Image:
    """Open (header only), refuse too many pixels, then decode every pixel."""
    upload.seek(0)
    try:
        with _pillow_guard(name):
            image = Image.open(_Borrowed(upload), formats=_ACCEPTED_FORMATS)
    except (UnidentifiedImageError, *_DECODE_ERRORS):
        raise _not_an_image(name) from None
    try:
        # Before load(): the header is enough to know a bomb, decoding it is the attack.
        _check_pixels(image, name)
        _draft(image)
        _decode(image, name)
    except BaseException:
        image.close()
        raise
    return image


class _Borrowed:
    """The upload as Pillow sees it. Closing an image closes the file it was read from, but
    the upload belongs to the caller, so closing this view does nothing."""

    def __init__(self, file):
        self._file = file

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        pass


@contextmanager
def _pillow_guard(name: str):
    """Pillow's own bomb guard warns above ~89 MP and raises above ~179 MP. A warning would
    only be logged in production (and crash under pytest's warnings-as-errors): refuse
    instead. Pillow's other warnings (corrupt EXIF, malformed MPO index) are about metadata
    that is dropped anyway, so they must not refuse a good photo."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        message = _(
            "“%(name)s” has far more than %(limit)s megapixels, the most a photo may have. "
            "Reduce its dimensions and upload it again."
        )
        raise ValidationError(
            message,
            code="too_many_pixels",
            params={"name": name, "limit": MAX_PHOTO_PIXELS // 1_000_000},
        ) from None


def _check_pixels(image: Image.Image, name: str) -> None:
    width, height = image.size
    if width * height <= MAX_PHOTO_PIXELS:
        return
    message = _(
        "“%(name)s” is %(width)s × %(height)s pixels (%(mp)s megapixels); a photo may have "
        "at most %(limit)s megapixels. Reduce its dimensions and upload it again."
    )
    params = {
        "name": name,
        "width": width,
        "height": height,
        "mp": _one_decimal_up(width * height / 1_000_000),
        "limit": MAX_PHOTO_PIXELS // 1_000_000,
    }
    raise ValidationError(message, code="too_many_pixels", params=params)


def _decode(image: Image.Image, name: str) -> None:
    """Image.open reads only the header: a truncated file is found by decoding it all."""
    try:
        with _pillow_guard(name):
            image.load()
    except _DECODE_ERRORS:
        message = _(
            "“%(name)s” is damaged or incomplete (the image could not be read to the end). "
            "Export it again and upload it."
        )
        raise ValidationError(message, code="damaged", params={"name": name}) from None


def _draft(image: Image.Image) -> None:
    """Ask the JPEG decoder for the smallest DCT scale whose longest side is still at
    least _DRAFT_FLOOR: a 6000 × 4000 photo is decoded as 3000 × 2000 (24 MB, not 96)."""
    if image.format not in ("JPEG", "MPO"):
        return
    width, height = image.size
    ratio = _DRAFT_FLOOR / max(width, height)
    if ratio > 0.5:  # no scale would keep enough pixels
        return
    image.draft(image.mode, (math.ceil(width * ratio), math.ceil(height * ratio)))


def _capped(image: Image.Image) -> Image.Image:
    """At most MAX_STORED_SIDE on the longest side. Before turning or converting the
    colours, so those steps work on the small image; the EXIF orientation and the ICC
    profile go along in .info for them."""
    if max(image.size) <= MAX_STORED_SIDE:
        return image
    info = dict(image.info)
    source = _rendition_source(image)
    try:
        capped = _fit(source, MAX_STORED_SIDE)
    finally:
        if source is not image:
            source.close()
    if capped.mode != image.mode:  # a palette or colour key became real alpha
        info.pop("transparency", None)
    capped.info = info
    return _swap(image, capped)


def _not_an_image(name: str) -> ValidationError:
    message = _(
        "“%(name)s” is not a JPEG, PNG or WebP image. "
        "Save it in one of these formats and upload it again."
    )
    return ValidationError(message, code="not_image", params={"name": name})


def _normalised(image: Image.Image, save_format: str, name: str) -> Image.Image:
    """The image the right way up, in sRGB, in a mode its format can store, with nothing
    left in .info for an encoder to copy back (PNG re-emits the ICC profile, JPEG the
    comment). Each step that makes a new image frees the previous one."""
    _apply_orientation(image, name)
    image = _swap(image, _to_srgb(image))
    if save_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = _swap(image, image.convert("RGB"))  # CMYK and the like
    # A palette's transparent index is pixel data, not metadata.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    return image


def _apply_orientation(image: Image.Image, name: str) -> None:
    """Phones store photos sideways plus an EXIF note to turn them; the note is about to be
    dropped, so turn the pixels now. Unreadable EXIF only costs the turn, not the photo."""
    try:
        with _pillow_guard(name):
            ImageOps.exif_transpose(image, in_place=True)
    except (*_DECODE_ERRORS, KeyError, IndexError, TypeError):
        return


@cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Browsers show an untagged image as sRGB, so a wide-gamut photo (Display P3 from a
    phone, Adobe RGB from a camera) is converted before its profile is dropped; otherwise
    its colours would come out dull. A profile that cannot be used is simply dropped."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    mode = "RGB" if image.mode == "CMYK" else image.mode
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            image, source, _srgb_profile(), outputMode=mode, inPlace=mode == image.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return image if converted is None else converted


def _swap(old: Image.Image, new: Image.Image) -> Image.Image:
    """Free the old pixels as soon as the new ones exist: a 40 MP RGB image is 120 MB."""
    if new is not old:
        old.close()
    return new


def _renditions(image: Image.Image) -> dict[str, bytes]:
    """Largest first, each shrunk from the one before: only the first goes through the
    full-size pixels, the slow and memory-hungry part."""
    renditions = {}
    previous = _rendition_source(image)
    try:
        for label, side in sorted(RENDITIONS.items(), key=lambda item: -item[1]):
            scaled = _fit(previous, side)
            if previous is not image:
                previous.close()
            previous = scaled
            renditions[label] = _jpeg_rendition(scaled)
    finally:
        if previous is not image:
            previous.close()
    return {label: renditions[label] for label in RENDITIONS}


def _rendition_source(image: Image.Image) -> Image.Image:
    """Pillow resizes palette and 1-bit images with NEAREST, and a transparent colour key
    smears at the edges when resized: those become RGB(A) first. 16-bit grey is scaled to
    8 bits (converting it straight to RGB would clip it to white)."""
    if image.mode in ("P", "PA", "1") or "transparency" in image.info:
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    if image.mode.startswith("I"):
        with closing(image.convert("I")) as wide:
            return wide.point(lambda value: value / 256, "L")
    return image


def _jpeg_rendition(image: Image.Image) -> bytes:
    with closing(_flattened(image)) as flat:
        return _encode(flat, "JPEG", quality=85)


def _fit(image: Image.Image, longest: int) -> Image.Image:
    """What Image.thumbnail((longest, longest), LANCZOS) gives, without first copying the
    full-size image to shrink in place: resize() builds only the small one."""
    width, height = image.size
    scale = longest / max(width, height)
    if scale >= 1:  # never enlarge
        return image.copy()
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _flattened(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: lay transparent areas on white, the page's background."""
    if "A" not in image.getbands():
        return image.convert("RGB")
    with closing(image.convert("RGBA")) as rgba, closing(rgba.getchannel("A")) as alpha:
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=alpha)
    return background


def _encode(image: Image.Image, save_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, save_format, **options)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------


def pdf_check(upload) -> None:
    """Refuse an empty or oversized file, or content that is not a PDF. Names and declared
    content types are ignored. Leaves the file position at 0."""
    name = clean_filename(upload.name or "")
    _check_size(
        upload,
        name,
        MAX_PDF_BYTES,
        empty=_("“%(name)s” is empty (0 bytes). Choose the PDF file again."),
        too_large=_(
            "“%(name)s” is %(size)s MB; a PDF may be at most %(limit)s MB. "
            "Make it smaller and upload it again."
        ),
    )
    try:
        if not _looks_like_pdf(upload):
            message = _(
                "“%(name)s” is not a PDF document, or it is incomplete. "
                "Save or export it as PDF and upload it again."
            )
            raise ValidationError(message, code="not_pdf", params={"name": name})
    finally:
        upload.seek(0)


def _looks_like_pdf(upload) -> bool:
    """The spec lets the "%PDF-" header start anywhere in the first 1024 bytes; a complete
    file ends with "%%EOF" (readers tolerate some trailing bytes, hence the 2048)."""
    upload.seek(0)
    head = upload.read(1024 + len(b"%PDF-") - 1)
    upload.seek(max(0, upload.size - 2048))
    tail = upload.read(2048)
    return b"%PDF-" in head and b"%%EOF" in tail


# --- Shared -----------------------------------------------------------------------------


def _check_size(upload, name: str, limit: int, *, empty: str, too_large: str) -> None:
    """Uses .size only, so an oversized file is refused before a byte of it is read."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(empty, code="empty", params={"name": name})
    if size > limit:
        params = {"name": name, "size": _one_decimal_up(size / _MB), "limit": limit // _MB}
        raise ValidationError(too_large, code="too_large", params=params)


def _one_decimal_up(value: float) -> str:
    """Rounded up, so a value just over a limit never reads as the limit (10.0 MB)."""
    return number_format(math.ceil(value * 10) / 10, decimal_pos=1)


def file_limits(types: str, max_bytes: int) -> dict:
    """The attributes of a file input: what it offers to choose, and the size above which
    static/js/file-size.js refuses a file before it is sent (checked here again)."""
    return {
        "accept": types,
        "data-max-bytes": str(max_bytes),
        "data-too-big": gettext_lazy(
            "This file is %(size)s; at most %(max)s can be sent. Choose a smaller file, "
            "or make it smaller first."
        ),
    }
