"""QR codes for the verification URL, fast: byte mode, error correction level M, one fixed mask.

Everything that does not depend on the URL (function patterns, format and version information, the
order of data modules, the mask) is prepared once per version, so encoding a URL is Reed-Solomon on a few
dozen bytes and toggling the dark data modules. Versions 1-10 (URLs up to 213 bytes) take this path;
longer URLs go through segno with the same mask.
"""
from __future__ import annotations

from functools import cache

MASK = 0  # (row + column) % 2 == 0
QUIET_ZONE = 4
# Level M: (error correction codewords per block, [(number of blocks, data codewords per block), ...])
_BLOCKS_M = {
    1: (10, [(1, 16)]),
    2: (16, [(1, 28)]),
    3: (26, [(1, 44)]),
    4: (18, [(2, 32)]),
    5: (24, [(2, 43)]),
    6: (16, [(4, 27)]),
    7: (18, [(4, 31)]),
    8: (22, [(2, 38), (2, 39)]),
    9: (22, [(3, 36), (2, 37)]),
    10: (26, [(4, 43), (1, 44)]),
}
_ALIGNMENT = {1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42],
              9: [6, 26, 46], 10: [6, 28, 50]}

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


@cache
def _generator_table(degree: int) -> list[list[int]]:
    """For every factor f, the generator polynomial's coefficients (leading 1 dropped) times f."""
    poly = [1]
    for i in range(degree):
        nxt = [0] * (len(poly) + 1)
        for j, c in enumerate(poly):
            nxt[j] ^= c
            if c:
                nxt[j + 1] ^= _EXP[_LOG[c] + i]
        poly = nxt
    coefficients = poly[1:]
    return [[0] * degree] + [[_EXP[_LOG[c] + _LOG[f]] if c else 0 for c in coefficients] for f in range(1, 256)]


def _ecc(data: list[int], degree: int) -> list[int]:
    table = _generator_table(degree)
    remainder = [0] * degree
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = [a ^ b for a, b in zip([*remainder[1:], 0], table[factor], strict=True)]
    return remainder


def _bch(value: int, generator: int, bits: int) -> int:
    rem = value << bits
    top = generator.bit_length() - 1
    for shift in range(rem.bit_length() - 1, top - 1, -1):
        if rem >> shift & 1:
            rem ^= generator << (shift - top)
    return value << bits | rem


class _Template:
    """One version's fixed modules, data positions in placement order, and the masked empty matrix."""

    def __init__(self, version: int) -> None:
        self.version = version
        size = self.size = 17 + 4 * version
        dark = [[False] * size for _ in range(size)]
        reserved = [[False] * size for _ in range(size)]

        def put(row: int, col: int, value: bool) -> None:
            dark[row][col] = value
            reserved[row][col] = True

        for r0, c0 in ((0, 0), (0, size - 7), (size - 7, 0)):
            for dr in range(-1, 8):
                for dc in range(-1, 8):
                    r, c = r0 + dr, c0 + dc
                    if 0 <= r < size and 0 <= c < size:
                        ring = max(abs(dr - 3), abs(dc - 3))
                        put(r, c, ring in (0, 1, 3))
        for i in range(size):
            if not reserved[6][i]:
                put(6, i, i % 2 == 0)
            if not reserved[i][6]:
                put(i, 6, i % 2 == 0)
        centers = _ALIGNMENT[version]
        last = len(centers) - 1
        for i, r in enumerate(centers):
            for j, c in enumerate(centers):
                if (i, j) in ((0, 0), (0, last), (last, 0)):
                    continue
                for dr in range(-2, 3):
                    for dc in range(-2, 3):
                        put(r + dr, c + dc, max(abs(dr), abs(dc)) != 1)
        fmt = _bch(MASK, 0x537, 10) ^ 0x5412  # level M is 00
        for i in range(15):
            bit = bool(fmt >> i & 1)
            # first copy, around the top-left finder
            if i < 6:
                put(i, 8, bit)
            elif i < 8:
                put(i + 1, 8, bit)
            elif i == 8:
                put(8, 7, bit)
            else:
                put(8, 14 - i, bit)
            # second copy, split between the other two finders
            if i < 8:
                put(8, size - 1 - i, bit)
            else:
                put(size - 15 + i, 8, bit)
        put(size - 8, 8, True)
        if version >= 7:
            info = _bch(version, 0x1F25, 12)
            for i in range(18):
                bit = bool(info >> i & 1)
                put(i // 3, size - 11 + i % 3, bit)
                put(size - 11 + i % 3, i // 3, bit)
        positions: list[tuple[int, int]] = []
        col = size - 1
        upward = True
        while col > 0:
            if col == 6:
                col -= 1
            rows = range(size - 1, -1, -1) if upward else range(size)
            for r in rows:
                for c in (col, col - 1):
                    if not reserved[r][c]:
                        positions.append((r, c))
            upward = not upward
            col -= 2
        self.positions = positions
        # The empty matrix already carries the mask over every data module; data bits then toggle it.
        rows_int = []
        for r in range(size):
            value = 0
            for c in range(size):
                on = dark[r][c] or (not reserved[r][c] and (r + c) % 2 == 0)
                if on:
                    value |= 1 << (size - 1 - c)
            rows_int.append(value)
        self.base_rows = rows_int
        self.toggles = [(r, 1 << (size - 1 - c)) for r, c in positions]
        self._codeword_tables: dict[int, list[tuple[tuple[int, int], ...]]] = {}
        ecc, groups = _BLOCKS_M[version]
        self.ecc = ecc
        self.groups = groups
        self.data_codewords = sum(n * k for n, k in groups)

    def codeword_toggles(self, index: int) -> list[tuple[tuple[int, int], ...]]:
        """For codeword `index`, every byte value's (row, bits) to toggle: one lookup per codeword."""
        table = self._codeword_tables.get(index)
        if table is None:
            bits = self.toggles[8 * index : 8 * index + 8]
            table = []
            for value in range(256):
                rows: dict[int, int] = {}
                for k, (r, mask) in enumerate(bits):
                    if value >> (7 - k) & 1:
                        rows[r] = rows.get(r, 0) | mask
                table.append(tuple(rows.items()))
            self._codeword_tables[index] = table
        return table


@cache
def _template(version: int) -> _Template:
    return _Template(version)


def _capacity(version: int) -> int:
    count_bits = 8 if version < 10 else 16
    return (_template(version).data_codewords * 8 - 4 - count_bits) // 8


def matrix_rows(text: str) -> tuple[int, list[int]]:
    """The QR symbol for text as (size, rows), each row an int whose bit size-1-c is column c."""
    data = text.encode("utf-8")
    version = next((v for v in _BLOCKS_M if _capacity(v) >= len(data)), None)
    if version is None:
        return _segno_rows(text)
    tpl = _template(version)
    count_bits = 8 if version < 10 else 16
    bits = (0b0100 << count_bits | len(data)) << (8 * len(data)) | int.from_bytes(data, "big")
    nbits = 4 + count_bits + 8 * len(data)
    capacity_bits = tpl.data_codewords * 8
    terminator = min(4, capacity_bits - nbits)
    bits <<= terminator
    nbits += terminator
    pad_to_byte = -nbits % 8
    bits <<= pad_to_byte
    nbits += pad_to_byte
    codewords = list(bits.to_bytes(nbits // 8, "big"))
    pad = 0xEC
    while len(codewords) < tpl.data_codewords:
        codewords.append(pad)
        pad ^= 0xEC ^ 0x11
    blocks: list[list[int]] = []
    pos = 0
    for count, length in tpl.groups:
        for _ in range(count):
            blocks.append(codewords[pos : pos + length])
            pos += length
    ecc_blocks = [_ecc(block, tpl.ecc) for block in blocks]
    final: list[int] = []
    for i in range(max(len(b) for b in blocks)):
        final.extend(b[i] for b in blocks if i < len(b))
    for i in range(tpl.ecc):
        final.extend(b[i] for b in ecc_blocks)
    rows = list(tpl.base_rows)
    for index, value in enumerate(final):
        for r, bits in tpl.codeword_toggles(index)[value]:
            rows[r] ^= bits
    return tpl.size, rows


def _segno_rows(text: str) -> tuple[int, list[int]]:
    import segno

    code = segno.make(text, error="m", mask=MASK, micro=False, boost_error=False, mode="byte")
    rows = [int("".join("1" if m else "0" for m in row), 2) for row in code.matrix]
    return len(rows), rows


def qr_image(text: str) -> tuple[int, bytes]:
    """The QR code (quiet zone included) as a 1-bit image mask: side in modules, packed rows (1 = dark).

    One tiny image instead of hundreds of rectangles: a few microseconds, ~150 bytes, and PDF renderers
    draw image masks without smoothing, so the modules stay square at any zoom.
    """
    size, rows = matrix_rows(text)
    side = size + 2 * QUIET_ZONE
    row_bytes = (side + 7) // 8
    pad = row_bytes * 8 - side + QUIET_ZONE
    blank = bytes(row_bytes)
    body = b"".join((row << pad).to_bytes(row_bytes, "big") for row in rows)
    return side, blank * QUIET_ZONE + body + blank * QUIET_ZONE
