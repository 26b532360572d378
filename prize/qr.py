"""The QR code of a certificate's verification URL, as the matrix of its modules.

reportlab's encoder (level M, the mask fixed: see MASK) does the encoding, but only the
part that depends on the URL runs for each certificate: the data codewords and their
error correction. What depends only on the version (the finder, timing and alignment
patterns, the format and version information, which modules carry data and in which
order, and the mask over them) is worked out once per version and kept. That was two
thirds of the time of reportlab's makeImpl(), itself the largest single cost of a
certificate. tests/prize/test_qr.py checks the result equals makeImpl()'s, module for
module, over URLs of every length a certificate has.
"""

from dataclasses import dataclass
from functools import cache
from itertools import chain, zip_longest

from reportlab.graphics.barcode.qrencoder import (
    QRBitBuffer,
    QRCode,
    QRErrorCorrectLevel,
    QRRSBlock,
    QRUtil,
)

# reportlab's make() tries all eight mask patterns and keeps the one its penalty rules
# score best: 85% of its time, as long as a whole bare page. A reader learns the mask
# from the code's format bits, so any mask decodes; we fix the one make() itself picks
# for almost every URL of ours (mask 2 on 52 of 60 sampled certificate URLs, the others
# within a few penalty points of the best).
MASK = 2
LEVEL = QRErrorCorrectLevel.M


@dataclass(frozen=True)
class _Layout:
    """What every code of one version has in common."""

    patterns: tuple[tuple[bool, ...], ...]  # function patterns; data modules False
    positions: tuple[tuple[int, int], ...]  # (row, column) of each data bit, in order
    flips: tuple[bool, ...]  # the mask at each of those positions


def modules(url: str) -> list[list[bool]]:
    """The modules of the URL's QR code, True for dark, rows from the top, no quiet zone."""
    code = QRCode(None, LEVEL)
    code.addData(url)
    code.version = version = code.calculate_version()
    layout = _layout(version)
    codewords = _codewords(version, code.dataList)
    bits = [byte >> shift & 1 for byte in codewords for shift in range(7, -1, -1)]
    bits += [0] * (len(layout.positions) - len(bits))  # the remainder bits
    matrix = [list(row) for row in layout.patterns]
    for (row, column), bit, flip in zip(layout.positions, bits, layout.flips, strict=True):
        matrix[row][column] = bool(bit) ^ flip
    return matrix


@cache
def _layout(version: int) -> _Layout:
    code = QRCode(version, LEVEL)
    code.makeImpl(False, MASK)  # with no data: the patterns, and the data modules blank
    positions = tuple((row, column) for column, row in code.dataPosIterator())
    mask = QRUtil.getMask(MASK)
    patterns = [list(row) for row in code.modules]
    for row, column in positions:
        patterns[row][column] = False
    return _Layout(
        patterns=tuple(tuple(row) for row in patterns),
        positions=positions,
        flips=tuple(bool(mask(row, column)) for row, column in positions),
    )


# --- The codewords: the data, then Reed-Solomon error correction per block -------------
# As reportlab's QRCode.createData, with the generator polynomials kept and the division
# done with log/antilog tables: rebuilding the polynomial for each code was half its time.

_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D  # the field's polynomial, x^8 + x^4 + x^3 + x^2 + 1
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]
del _value, _power


@cache
def _generator_logs(degree: int) -> tuple[int, ...]:
    """The logs of the coefficients of (x - α^0)(x - α^1)…(x - α^(degree-1)), leading
    coefficient (1) left out."""
    poly = [1]
    for i in range(degree):
        product = [0] * (len(poly) + 1)
        for j, coefficient in enumerate(poly):
            product[j] ^= coefficient
            if coefficient:
                product[j + 1] ^= _EXP[_LOG[coefficient] + i]
        poly = product
    return tuple(_LOG[c] for c in poly[1:])


def _error_correction(data: list[int], degree: int) -> list[int]:
    logs = _generator_logs(degree)
    remainder = [0] * degree
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = remainder[1:] + [0]
        if factor:
            shift = _LOG[factor]
            for i, log in enumerate(logs):
                remainder[i] ^= _EXP[log + shift]
    return remainder


def _codewords(version: int, data_list) -> list[int]:
    blocks = QRRSBlock.getRSBlocks(version, LEVEL)
    capacity = sum(block.dataCount for block in blocks) * 8
    buffer = QRBitBuffer()
    for data in data_list:
        data.write(buffer, version)
    if buffer.getLengthInBits() > capacity:
        raise ValueError("the URL is too long for its QR code version")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)  # the terminator
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pads = (QRCode.PAD0, QRCode.PAD1)
    for n in range((capacity - buffer.getLengthInBits()) // 8):
        buffer.put(pads[n % 2], 8)
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = buffer.buffer[offset : offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(chunk)
        ec_blocks.append(_error_correction(chunk, block.totalCount - block.dataCount))
    interleaved = chain(zip_longest(*data_blocks), zip_longest(*ec_blocks))
    return [byte for group in interleaved for byte in group if byte is not None]
