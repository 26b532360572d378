"""Pictures for the demo's entries, drawn with Pillow: abstract scenes (houses, a school,
a meeting table of coloured shapes) with a visible "DEMO" mark. No real person or place
is shown, so no consent or credit is ever borrowed."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 640
PALETTES = (
    ((46, 94, 170), (244, 196, 48), (214, 69, 65), (250, 246, 238)),
    ((32, 120, 96), (240, 140, 60), (90, 60, 140), (245, 248, 242)),
    ((150, 40, 70), (60, 150, 200), (250, 210, 90), (248, 244, 246)),
)
SCENES = ("houses", "school", "table")


def _houses(draw: ImageDraw.ImageDraw, rng: random.Random, colours) -> None:
    for n in range(5):
        x = 60 + n * 175
        top = rng.randint(260, 340)
        draw.rectangle((x, top, x + 140, 560), fill=colours[n % 3])
        draw.polygon(((x - 10, top), (x + 70, top - 80), (x + 150, top)), fill=colours[(n + 1) % 3])
        draw.rectangle((x + 55, 480, x + 85, 560), fill=colours[3])


def _school(draw: ImageDraw.ImageDraw, rng: random.Random, colours) -> None:
    draw.rectangle((180, 240, 780, 560), fill=colours[0])
    draw.polygon(((150, 240), (480, 110), (810, 240)), fill=colours[2])
    for n in range(4):
        draw.rectangle((230 + n * 140, 300, 310 + n * 140, 380), fill=colours[3])
    draw.rectangle((440, 440, 520, 560), fill=colours[1])


def _table(draw: ImageDraw.ImageDraw, rng: random.Random, colours) -> None:
    draw.ellipse((230, 300, 730, 520), fill=colours[1])
    for n in range(8):
        x = 200 + n * 75
        y = 250 if n % 2 else 540
        draw.ellipse((x, y - 45, x + 60, y + 15), fill=colours[n % 3])


def demo_photo(seed: int, *, name: str = "demo-photo.jpg") -> SimpleUploadedFile:
    """A JPEG of one of the scenes, different for each `seed`, always the same for one."""
    rng = random.Random(seed)  # nosec B311 # pictures, not secrets
    colours = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (WIDTH, HEIGHT), colours[3])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, WIDTH, HEIGHT), fill=(120, 120, 110))
    {"houses": _houses, "school": _school, "table": _table}[SCENES[seed % len(SCENES)]](
        draw, rng, colours
    )
    draw.rectangle((20, 20, 190, 80), fill=(20, 20, 20))
    draw.text((42, 30), "DEMO", fill=(255, 255, 255), font_size=36)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")
