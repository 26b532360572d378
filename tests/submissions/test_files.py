"""submissions.files: what an uploaded photo or PDF must be, and what a photo becomes.

Every image is made here with Pillow, in memory: no binary fixtures."""

import io
import random
import struct
import warnings
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from reportlab.pdfgen import canvas

from submissions import files
from submissions.files import (
    MAX_PDF_BYTES,
    MAX_PHOTO_BYTES,
    clean_filename,
    pdf_check,
    photo_process,
)

METADATA_KEYS = ("exif", "xmp", "icc_profile", "comment")
RED = (255, 0, 0)
BLUE = (0, 0, 255)
WHITE = (255, 255, 255)


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in their English source form, whatever the French catalogue says."""
    with translation.override("en"):
        yield


# --- Helpers ----------------------------------------------------------------------------


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def noise(size: tuple[int, int]) -> Image.Image:
    """Random pixels compress badly, so half the file is well inside the image data."""
    data = random.Random(1).randbytes(size[0] * size[1] * 3)
    return Image.frombytes("RGB", size, data)


def quartered(size: tuple[int, int]) -> Image.Image:
    """Blue, with the top-left quarter red: shows where the pixels went after turning."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1] // 2))
    return image


def near(pixel, expected, tolerance: int = 40) -> bool:
    """JPEG is lossy: a colour comes back close, not exact."""
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def swapped_primaries_icc() -> bytes:
    """A minimal ICC v2 RGB display profile whose red and blue primaries are swapped (sRGB's,
    adapted to D50): a stored pure red means blue. Shows the pixels were converted with the
    embedded profile before it was dropped."""

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + struct.pack(">3i", *(round(v * 65536) for v in (x, y, z)))

    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, 563) + b"\0\0"  # 2.2, padded to 4
    tags = [
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = struct.pack(">I4sI4s4s4s", size, b"none", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
    header += b"\0" * 12 + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
    header += xyz(0.9642, 1.0, 0.8249)[8:] + b"\0" * (128 - len(header) - 12)
    return header + table + data


def exif_with_gps(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (2.0, 21.0, 8.0),
    }
    return exif


def png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height grey pixels but carries 100 bytes of them: opening
    it is harmless, decoding it would fail as damaged (or, for a real bomb, eat memory)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + png_chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Dosta! entry: the school mediation programme")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def refusal(check, file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(file)
    return caught.value


# --- photo_process: what comes out -----------------------------------------------------


def test_photo_process_jpeg_loses_all_metadata():
    source = encoded(
        quartered((300, 200)),
        "JPEG",
        exif=exif_with_gps(orientation=6),
        comment=b"taken at the mayor's house",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"/>',
        icc_profile=srgb_icc(),
    )
    with opened(source) as original:  # the test is only meaningful if all of it was there
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef]
        assert all(key in original.info for key in METADATA_KEYS)

    photo = photo_process(upload("IMG_0001.JPG", source, "image/jpeg"))

    with opened(photo.content) as result:
        assert result.format == "JPEG"
        assert dict(result.getexif()) == {}
        assert [key for key in METADATA_KEYS if key in result.info] == []
    assert b"PhoneMaker" not in photo.content
    assert b"xmpmeta" not in photo.content
    assert b"mayor" not in photo.content


def test_photo_process_jpeg_applies_exif_orientation():
    source = encoded(quartered((300, 200)), "JPEG", exif=exif_with_gps(orientation=6))

    photo = photo_process(upload("IMG_0001.jpg", source, "image/jpeg"))

    assert (photo.extension, photo.content_type) == ("jpg", "image/jpeg")
    assert (photo.width, photo.height) == (200, 300)
    with opened(photo.content) as result:
        assert result.size == (200, 300)
        assert result.mode == "RGB"
        # Orientation 6 means "turn 90° clockwise": the stored top-left is now top-right.
        assert near(result.getpixel((190, 10)), RED)
        assert near(result.getpixel((10, 10)), BLUE)
        assert near(result.getpixel((190, 290)), BLUE)


def test_photo_process_png_keeps_alpha_and_drops_text_chunks():
    image = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    image.putpixel((39, 29), (0, 128, 0, 128))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Town hall of Saint-Denis")
    text.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
    exif = exif_with_gps(orientation=1)
    source = encoded(image, "PNG", pnginfo=text, exif=exif, icc_profile=srgb_icc())

    photo = photo_process(upload("poster.png", source, "image/png"))

    assert (photo.extension, photo.content_type) == ("png", "image/png")
    assert (photo.width, photo.height) == (40, 30)
    with opened(photo.content) as result:
        assert result.format == "PNG"
        assert result.mode == "RGBA"
        assert result.getpixel((0, 0)) == (0, 0, 0, 0)
        assert result.getpixel((39, 29)) == (0, 128, 0, 128)
        assert result.text == {}
        assert dict(result.getexif()) == {}
        assert [key for key in METADATA_KEYS if key in result.info] == []


def test_photo_process_palette_png_keeps_its_transparent_index():
    image = Image.new("P", (20, 10), 0)
    image.putpalette([255, 0, 0, 0, 0, 255])
    image.paste(1, (10, 0, 20, 10))
    source = encoded(image, "PNG", transparency=0)

    photo = photo_process(upload("logo.png", source))

    with opened(photo.content) as result:
        assert result.mode == "P"
        assert result.info["transparency"] == 0
        assert result.convert("RGBA").getpixel((15, 5)) == (0, 0, 255, 255)
        assert result.convert("RGBA").getpixel((5, 5))[3] == 0
    with opened(photo.renditions["thumb"]) as thumb:
        assert near(thumb.getpixel((2, 5)), WHITE)
        assert near(thumb.getpixel((17, 5)), BLUE)


def test_photo_process_webp_is_reencoded_as_webp_without_metadata():
    source = encoded(
        quartered((64, 48)),
        "WEBP",
        quality=95,
        exif=exif_with_gps(orientation=1).tobytes(),
        icc_profile=srgb_icc(),
    )

    photo = photo_process(upload("square.webp", source, "image/webp"))

    assert (photo.extension, photo.content_type) == ("webp", "image/webp")
    assert (photo.width, photo.height) == (64, 48)
    with opened(photo.content) as result:
        assert result.format == "WEBP"
        assert dict(result.getexif()) == {}
        assert [key for key in METADATA_KEYS if key in result.info] == []
        assert near(result.getpixel((5, 5)), RED)


def test_photo_process_webp_keeps_alpha():
    source = encoded(Image.new("RGBA", (32, 32), (0, 0, 255, 0)), "WEBP", lossless=True)

    photo = photo_process(upload("clear.webp", source))

    with opened(photo.content) as result:
        assert result.mode == "RGBA"
        assert result.getpixel((16, 16))[3] == 0


def test_photo_process_extension_follows_decoded_format_not_name():
    source = encoded(Image.new("RGB", (30, 20), RED), "PNG")

    photo = photo_process(upload("really-a-png.jpg", source, "image/jpeg"))

    assert (photo.extension, photo.content_type) == ("png", "image/png")
    with opened(photo.content) as result:
        assert result.format == "PNG"


def test_photo_process_cmyk_jpeg_becomes_rgb():
    source = encoded(Image.new("CMYK", (40, 30), (0, 255, 255, 0)), "JPEG")

    photo = photo_process(upload("print.jpg", source))

    with opened(photo.content) as result:
        assert result.mode == "RGB"
        assert near(result.getpixel((20, 15)), RED)


def test_photo_process_grayscale_jpeg_stays_grayscale():
    source = encoded(Image.new("L", (40, 30), 200), "JPEG")

    photo = photo_process(upload("grey.jpg", source))

    with opened(photo.content) as result:
        assert result.mode == "L"
        assert abs(result.getpixel((20, 15)) - 200) <= 2


def test_photo_process_mpo_from_a_phone_is_read_as_jpeg():
    # Phones add a depth map or preview as a second picture: Pillow calls that MPO.
    frames = [Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), BLUE)]
    source = encoded(frames[0], "MPO", save_all=True, append_images=frames[1:])
    with opened(source) as original:
        assert original.format == "MPO"

    photo = photo_process(upload("portrait.jpg", source))

    assert (photo.extension, photo.content_type) == ("jpg", "image/jpeg")
    with opened(photo.content) as result:
        assert (result.format, result.size) == ("JPEG", (64, 48))
        assert getattr(result, "n_frames", 1) == 1
        assert near(result.getpixel((30, 20)), RED)


def test_photo_process_converts_colours_with_embedded_profile():
    source = encoded(Image.new("RGB", (30, 20), RED), "PNG", icc_profile=swapped_primaries_icc())

    photo = photo_process(upload("tagged.png", source))

    with opened(photo.content) as result:
        assert "icc_profile" not in result.info
        assert near(result.getpixel((15, 10)), BLUE, tolerance=8)


def test_photo_process_unreadable_icc_profile_is_dropped():
    source = encoded(Image.new("RGB", (30, 20), RED), "JPEG", icc_profile=b"not a profile" * 9)

    photo = photo_process(upload("odd.jpg", source))

    with opened(photo.content) as result:
        assert "icc_profile" not in result.info
        assert near(result.getpixel((15, 10)), RED)


def test_photo_process_corrupt_exif_is_dropped_not_refused():
    source = encoded(Image.new("RGB", (30, 20), RED), "JPEG", exif=b"Exif\0\0II*\0\x08\0\0\0\xff")

    photo = photo_process(upload("odd.jpg", source))

    assert (photo.width, photo.height) == (30, 20)
    with opened(photo.content) as result:
        assert dict(result.getexif()) == {}


def test_photo_process_upload_stays_open_and_rewound():
    photo_file = upload("a.png", encoded(Image.new("RGB", (30, 20), RED), "PNG"))

    photo_process(photo_file)

    assert photo_file.closed is False
    assert photo_file.tell() == 0


# --- photo_process: renditions ---------------------------------------------------------


def test_photo_process_renditions_are_jpeg_with_longest_side():
    source = encoded(Image.new("RGB", (3200, 2000), RED), "PNG")

    photo = photo_process(upload("wide.png", source))

    assert sorted(photo.renditions) == ["large", "thumb"]
    sizes = {}
    for label, data in photo.renditions.items():
        with opened(data) as rendition:
            assert (rendition.format, rendition.mode) == ("JPEG", "RGB")
            sizes[label] = rendition.size
    assert sizes == {"large": (1600, 1000), "thumb": (480, 300)}


def test_photo_process_renditions_of_portrait_keep_height_as_longest_side():
    source = encoded(quartered((200, 300)), "JPEG", exif=exif_with_gps(orientation=6))
    # Stored 200 wide, 300 high; turned, it is 300 wide. Small: no rendition is enlarged.

    photo = photo_process(upload("turned.jpg", source))

    with opened(photo.renditions["thumb"]) as thumb:
        assert thumb.size == (300, 200)


def test_photo_process_renditions_never_upscale_small_image():
    source = encoded(Image.new("RGB", (300, 200), RED), "JPEG")

    photo = photo_process(upload("small.jpg", source))

    for data in photo.renditions.values():
        with opened(data) as rendition:
            assert rendition.size == (300, 200)


def test_photo_process_renditions_flatten_alpha_onto_white():
    image = Image.new("RGBA", (2000, 1000), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (1000, 0, 2000, 1000))
    source = encoded(image, "PNG")

    photo = photo_process(upload("half.png", source))

    with opened(photo.renditions["large"]) as large:
        assert (large.mode, large.size) == ("RGB", (1600, 800))
        assert near(large.getpixel((100, 400)), WHITE)
        assert near(large.getpixel((1500, 400)), BLUE)


def test_photo_process_renditions_of_16_bit_grey_are_not_white():
    source = encoded(Image.new("I;16", (40, 30), 40000), "PNG")

    photo = photo_process(upload("scan.png", source))

    with opened(photo.renditions["thumb"]) as thumb:
        assert near(thumb.getpixel((20, 15)), (156, 156, 156), tolerance=2)


# --- photo_process: refusals -----------------------------------------------------------

NOT_AN_IMAGE = (
    "“{}” is not a JPEG, PNG or WebP image. Save it in one of these formats and upload it again."
)


def test_photo_process_refuses_text_renamed_jpg():
    error = refusal(photo_process, upload("holiday.jpg", b"hello, not a photo\n", "image/jpeg"))

    assert error.code == "not_image"
    assert error.messages == [NOT_AN_IMAGE.format("holiday.jpg")]


def test_photo_process_refuses_svg():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'

    error = refusal(photo_process, upload("logo.svg", svg, "image/svg+xml"))

    assert error.messages == [NOT_AN_IMAGE.format("logo.svg")]


def test_photo_process_refuses_gif():
    gif = encoded(Image.new("P", (10, 10)), "GIF")

    error = refusal(photo_process, upload("anim.gif", gif, "image/gif"))

    assert error.messages == [NOT_AN_IMAGE.format("anim.gif")]


def test_photo_process_refuses_pdf_renamed_jpg():
    error = refusal(photo_process, upload("scan.jpg", pdf_bytes(), "image/jpeg"))

    assert error.messages == [NOT_AN_IMAGE.format("scan.jpg")]


def test_photo_process_refuses_truncated_jpeg():
    whole = encoded(noise((300, 200)), "JPEG")

    error = refusal(photo_process, upload("cut.jpg", whole[: len(whole) // 2]))

    assert error.code == "damaged"
    assert error.messages == [
        "“cut.jpg” is damaged or incomplete (the image could not be read to the end). "
        "Export it again and upload it."
    ]


def test_photo_process_refuses_48_megapixel_png():
    # One colour, 1 bit per pixel: 48 million pixels in a file of a few KB.
    source = encoded(Image.new("1", (8000, 6000), 1), "PNG")
    assert len(source) < 100_000

    error = refusal(photo_process, upload("bomb.png", source))

    assert error.code == "too_many_pixels"
    assert error.messages == [
        "“bomb.png” is 8000 × 6000 pixels (48.0 megapixels); a photo may have at most "
        "40 megapixels. Reduce its dimensions and upload it again."
    ]


def test_photo_process_refuses_too_many_pixels_before_decoding():
    # Had the pixels been decoded, the missing data would say "damaged" instead.
    error = refusal(photo_process, upload("claims.png", png_header_only(8000, 6000)))

    assert error.messages == [
        "“claims.png” is 8000 × 6000 pixels (48.0 megapixels); a photo may have at most "
        "40 megapixels. Reduce its dimensions and upload it again."
    ]


def test_photo_process_refuses_pillow_decompression_bomb():
    # 100 MP: past Pillow's own guard, whose warning must become a refusal even where
    # warnings are ignored (production), not only under pytest's warnings-as-errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        error = refusal(photo_process, upload("bomb.png", png_header_only(10_000, 10_000)))

    assert error.code == "too_many_pixels"
    assert error.messages == [
        "“bomb.png” has far more than 40 megapixels, the most a photo may have. "
        "Reduce its dimensions and upload it again."
    ]


def test_photo_process_pixel_limit_is_inclusive(monkeypatch):
    monkeypatch.setattr(files, "MAX_PHOTO_PIXELS", 300 * 200)

    photo = photo_process(upload("exact.png", encoded(Image.new("RGB", (300, 200)), "PNG")))
    error = refusal(photo_process, upload("over.png", encoded(Image.new("RGB", (301, 200)), "PNG")))

    assert (photo.width, photo.height) == (300, 200)
    assert error.code == "too_many_pixels"


def test_photo_process_refuses_empty_file():
    error = refusal(photo_process, upload("empty.jpg", b"", "image/jpeg"))

    assert error.code == "empty"
    assert error.messages == ["“empty.jpg” is empty (0 bytes). Choose the photo file again."]


def test_photo_process_refuses_file_over_10_mb():
    error = refusal(photo_process, upload("huge.jpg", b"\xff" * (MAX_PHOTO_BYTES + 1)))

    assert error.code == "too_large"
    assert error.messages == [
        "“huge.jpg” is 10.1 MB; a photo may be at most 10 MB. Make it smaller and upload it again."
    ]


def test_photo_process_refuses_oversize_without_reading():
    class Unreadable(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("read before the size check")

    photo_file = Unreadable("big.jpg", b"x")
    photo_file.size = 25 * 1024 * 1024

    error = refusal(photo_process, photo_file)

    assert error.messages == [
        "“big.jpg” is 25.0 MB; a photo may be at most 10 MB. Make it smaller and upload it again."
    ]


def test_photo_process_message_names_the_cleaned_file():
    name = "C:\\fakepath\\" + "x" * 300 + ".txt"

    error = refusal(photo_process, upload(name, b"not an image"))

    assert error.messages == [NOT_AN_IMAGE.format("x" * 96 + ".txt")]


# --- pdf_check --------------------------------------------------------------------------

NOT_A_PDF = (
    "“{}” is not a PDF document, or it is incomplete. Save or export it as PDF and upload it again."
)


def test_pdf_check_accepts_pdf_and_rewinds():
    document = upload("report.pdf", pdf_bytes(), "application/pdf")
    document.read(10)

    assert pdf_check(document) is None
    assert document.tell() == 0


def test_pdf_check_ignores_name_and_content_type():
    assert pdf_check(upload("photo.jpg", pdf_bytes(), "image/jpeg")) is None


def test_pdf_check_accepts_header_starting_within_first_1024_bytes():
    assert pdf_check(upload("late.pdf", b"\0" * 1023 + pdf_bytes())) is None


def test_pdf_check_refuses_header_starting_after_first_1024_bytes():
    error = refusal(pdf_check, upload("later.pdf", b"\0" * 1024 + pdf_bytes()))

    assert error.messages == [NOT_A_PDF.format("later.pdf")]


def test_pdf_check_accepts_trailing_bytes_after_eof():
    assert pdf_check(upload("padded.pdf", pdf_bytes() + b"\n" * 2000)) is None


def test_pdf_check_refuses_jpeg_renamed_pdf():
    jpeg = encoded(Image.new("RGB", (30, 20), RED), "JPEG")

    error = refusal(pdf_check, upload("report.pdf", jpeg, "application/pdf"))

    assert error.code == "not_pdf"
    assert error.messages == [NOT_A_PDF.format("report.pdf")]


def test_pdf_check_refuses_text():
    error = refusal(pdf_check, upload("report.pdf", b"hello", "application/pdf"))

    assert error.messages == [NOT_A_PDF.format("report.pdf")]


def test_pdf_check_refuses_truncated_pdf():
    whole = pdf_bytes()
    document = upload("cut.pdf", whole[: len(whole) // 2], "application/pdf")

    error = refusal(pdf_check, document)

    assert error.messages == [NOT_A_PDF.format("cut.pdf")]
    assert document.tell() == 0


def test_pdf_check_refuses_empty_file():
    error = refusal(pdf_check, upload("empty.pdf", b"", "application/pdf"))

    assert error.code == "empty"
    assert error.messages == ["“empty.pdf” is empty (0 bytes). Choose the PDF file again."]


def test_pdf_check_refuses_file_over_20_mb():
    data = pdf_bytes()
    data = data[:-6] + b"\0" * (MAX_PDF_BYTES + 1 - len(data)) + data[-6:]

    error = refusal(pdf_check, upload("atlas.pdf", data, "application/pdf"))

    assert error.code == "too_large"
    assert error.messages == [
        "“atlas.pdf” is 20.1 MB; a PDF may be at most 20 MB. Make it smaller and upload it again."
    ]


# --- clean_filename ---------------------------------------------------------------------


def test_clean_filename_drops_parent_directories():
    assert clean_filename("../../etc/passwd") == "passwd"


def test_clean_filename_drops_windows_path_and_lowercases_extension():
    assert clean_filename("C:\\Users\\x\\photo.JPG") == "photo.jpg"


def test_clean_filename_truncates_300_characters_to_100_keeping_extension():
    name = "a" * 296 + ".PNG"

    assert clean_filename(name) == "a" * 96 + ".png"


def test_clean_filename_truncates_name_without_extension_to_100():
    assert clean_filename("b" * 300) == "b" * 100


def test_clean_filename_transliterates_accents():
    assert clean_filename("Şişli été.jpeg") == "Sisli_ete.jpeg"


def test_clean_filename_empty_uses_default():
    assert clean_filename("") == "file"
    assert clean_filename("", default="photo") == "photo"


def test_clean_filename_dot_dot_uses_default():
    assert clean_filename("..") == "file"


def test_clean_filename_removes_control_characters():
    assert clean_filename("ph\x00o\nto\x7f.jpg") == "photo.jpg"


def test_clean_filename_replaces_other_characters_and_collapses_dots():
    assert clean_filename("rapport final (v2)...PDF") == "rapport_final_v2.pdf"


def test_clean_filename_hidden_file_becomes_visible():
    assert clean_filename(".htaccess") == "file.htaccess"


def test_clean_filename_transliterates_and_falls_back_for_an_unknown_script():
    assert clean_filename("Доста.jpg") == "Dosta.jpg"
    assert clean_filename("写真.jpg") == "file.jpg"
