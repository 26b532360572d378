"""Large photos are stored at most MAX_STORED_SIDE pixels on their longest side, decoded
small where JPEG allows it, and still turned the right way up, in sRGB, without metadata."""

import io

from PIL import Image, ImageCms

from submissions.files import MAX_STORED_SIDE, RENDITIONS, photo_process
from tests.submissions.test_files import (
    BLUE,
    RED,
    encoded,
    exif_with_gps,
    near,
    opened,
    quartered,
    upload,
)


def test_a_large_jpeg_is_stored_at_the_capped_size():
    # 8000 × 2000: decoded at half size (4000 × 1000), then reduced to 3200 × 800.
    source = encoded(quartered((8000, 2000)), "JPEG", quality=80)

    photo = photo_process(upload("camera.jpg", source, "image/jpeg"))

    assert MAX_STORED_SIDE == 3200
    assert (photo.width, photo.height) == (3200, 800)
    with opened(photo.content) as stored:
        assert stored.size == (3200, 800)
        assert near(stored.getpixel((100, 100)), RED)
        assert near(stored.getpixel((3100, 700)), BLUE)
    with opened(photo.renditions["large"]) as large:
        assert large.size == (RENDITIONS["large"], 400)


def test_a_jpeg_that_halves_to_the_cap_is_not_resized_again():
    source = encoded(quartered((6400, 4800)), "JPEG", quality=80)

    photo = photo_process(upload("camera.jpg", source, "image/jpeg"))

    assert (photo.width, photo.height) == (3200, 2400)


def test_a_large_photo_is_still_turned_by_its_exif_orientation():
    source = encoded(quartered((6000, 1500)), "JPEG", exif=exif_with_gps(orientation=6))

    photo = photo_process(upload("IMG_0002.jpg", source, "image/jpeg"))

    # 6000 × 1500 halves to 3000 × 750 (under the cap), then turns 90° clockwise.
    assert (photo.width, photo.height) == (750, 3000)
    with opened(photo.content) as stored:
        assert stored.getexif() == {}
        assert near(stored.getpixel((700, 50)), RED)
        assert near(stored.getpixel((50, 50)), BLUE)


def test_a_large_png_is_capped_and_keeps_its_format_and_alpha():
    image = Image.new("RGBA", (4000, 1000), (255, 0, 0, 128))

    photo = photo_process(upload("scan.png", encoded(image, "PNG"), "image/png"))

    assert (photo.extension, photo.width, photo.height) == ("png", 3200, 800)
    with opened(photo.content) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((10, 10)) == (255, 0, 0, 128)


def test_a_large_photo_with_a_colour_profile_is_capped_and_stored_without_it():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = encoded(quartered((7000, 1000)), "JPEG", icc_profile=profile)

    photo = photo_process(upload("wide.jpg", source, "image/jpeg"))

    assert max(photo.width, photo.height) <= MAX_STORED_SIDE
    with Image.open(io.BytesIO(photo.content)) as stored:
        assert "icc_profile" not in stored.info
