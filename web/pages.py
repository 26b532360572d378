"""What every public page tells search engines and link previews (templates/base.html
reads it in <head>)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageMeta:
    """What search engines and link previews read in <head>."""

    canonical: str  # absolute
    title: str
    description: str = ""
    kind: str = "website"  # Open Graph type
    image: str = ""  # absolute
    image_alt: str = ""
    noindex: bool = False
