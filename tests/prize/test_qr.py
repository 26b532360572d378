"""prize/qr.py builds the same QR code as reportlab's own encoder, module for module."""

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget

from prize import qr


def reportlab_modules(url: str) -> list[list[bool]]:
    code = QrCodeWidget(url, barLevel="M").qr
    code.version = code.calculate_version()
    code.makeImpl(False, qr.MASK)
    return code.modules


# Every length a certificate URL can have, and longer: versions 3 to 11.
URLS = [f"https://{'d' * n}.example.org/c/DC{n % 9 + 1}-7K2M9Q" for n in range(1, 200, 7)] + [
    "https://dosta.example.org/c/DC9-7K2M9Q",
    "http://127.0.0.1:8000/c/DC12-ABCDEF",
]


@pytest.mark.parametrize("url", URLS)
def test_modules_equal_reportlabs(url):
    assert qr.modules(url) == reportlab_modules(url)


def test_versions_differ_across_the_sample():
    sizes = {len(qr.modules(url)) for url in URLS}
    assert min(sizes) == 29  # version 3
    assert max(sizes) == 61  # version 11
