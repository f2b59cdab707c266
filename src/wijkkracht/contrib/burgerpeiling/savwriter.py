"""Write an SPSS system file (.sav) in the national Burgerpeiling format.

``pyreadstat.write_sav`` needs a pandas or polars data frame, and neither is a
dependency of Wijkkracht; this small writer produces the same kind of file from plain
Python lists: the variables in the order, with the formats, labels, measures and value
labels of ``dataformat_2022.json`` (taken from VNG's own ``Burgerpeling-dataformat-2022.sav``),
UTF-8, bytecode-compressed like files saved by SPSS. ``pyreadstat.read_sav`` (and SPSS,
PSPP) read it back; the tests check that.

Layout (the "System File Format" chapter of the PSPP manual): a file header, one
variable record per 8-byte segment (a string of 12 bytes takes two), value-label records,
extension records (machine info, display parameters, long variable names, encoding), the
dictionary terminator, then the cases.
"""

from __future__ import annotations

import re
import struct
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SYSMIS = -sys.float_info.max
HIGHEST = sys.float_info.max
LOWEST = struct.unpack("<d", bytes.fromhex("feffffffffffefff"))[0]
FORMAT = re.compile(r"^([A-Z]+)(\d+)(?:\.(\d+))?$")
FORMAT_TYPES = {"A": 1, "F": 5}
MEASURES = {"unknown": 0, "nominal": 1, "ordinal": 2, "scale": 3}
ALIGNMENTS = {"left": 0, "right": 1, "center": 2}
BIAS = 100.0


@dataclass(frozen=True)
class SavVariable:
    name: str
    format: str  # SPSS format: F2.0, F4.3, A12
    label: str = ""
    measure: str = "nominal"
    display_width: int = 8
    alignment: str = "right"
    value_labels: dict[str, str] | None = None  # code (as text) -> label

    @property
    def string_width(self) -> int:
        """0 for a numeric variable, the width in bytes for a string."""
        kind, width, _decimals = _parse_format(self.format)
        return width if kind == "A" else 0

    @property
    def segments(self) -> int:
        return max(1, -(-self.string_width // 8))


def _parse_format(spec: str) -> tuple[str, int, int]:
    match = FORMAT.match(spec)
    if not match or match.group(1) not in FORMAT_TYPES:
        raise ValueError(f"unsupported SPSS format {spec!r}")
    return match.group(1), int(match.group(2)), int(match.group(3) or 0)


def _format_code(spec: str) -> int:
    kind, width, decimals = _parse_format(spec)
    return (FORMAT_TYPES[kind] << 16) | (width << 8) | decimals


def _padded(text: bytes, size: int) -> bytes:
    return text[:size].ljust(size, b" ")


def _short_names(names: Sequence[str]) -> list[str]:
    """Unique upper-case names of at most 8 bytes, as the variable records require."""
    used: set[str] = set()
    result = []
    for name in names:
        base = re.sub(r"[^A-Z0-9_@#$.]", "_", name.upper())[:8] or "V"
        short, counter = base, 1
        while short in used:
            suffix = str(counter)
            short = base[: 8 - len(suffix)] + suffix
            counter += 1
        used.add(short)
        result.append(short)
    return result


def write_sav(
    path: Path | str,
    variables: Sequence[SavVariable],
    cases: Iterable[Sequence[float | int | str | None]],
    *,
    file_label: str = "",
) -> int:
    """Write ``cases`` (one sequence of values per respondent, in the order of
    ``variables``; None is system-missing) to ``path``. Returns the number of cases."""
    cases = list(cases)
    out = bytearray()
    i32 = struct.Struct("<i").pack
    f64 = struct.Struct("<d").pack
    segments = sum(v.segments for v in variables)
    now = datetime.now()
    out += b"$FL2"
    out += _padded(b"@(#) SPSS DATA FILE Wijkkracht Burgerpeiling writer", 60)
    out += i32(2) + i32(segments) + i32(1) + i32(0) + i32(len(cases)) + f64(BIAS)
    out += now.strftime("%d %b %y").encode("ascii")[:9].ljust(9)
    out += now.strftime("%H:%M:%S").encode("ascii")
    out += _padded(file_label.encode("utf-8"), 64) + b"\0\0\0"

    shorts = _short_names([v.name for v in variables])
    index_of: dict[str, int] = {}
    position = 1
    for variable, short in zip(variables, shorts, strict=True):
        index_of[variable.name] = position
        label = variable.label.encode("utf-8")[:255]
        fmt = _format_code(variable.format)
        out += i32(2) + i32(variable.string_width) + i32(1 if label else 0) + i32(0)
        out += i32(fmt) + i32(fmt) + _padded(short.encode("ascii"), 8)
        if label:
            out += i32(len(label)) + label.ljust(-(-len(label) // 4) * 4, b" ")
        for _extra in range(variable.segments - 1):
            out += i32(2) + i32(-1) + i32(0) + i32(0) + i32(0) + i32(0) + b" " * 8
        position += variable.segments

    # Value labels: one set per distinct table of labels, shared by its variables.
    label_sets: dict[tuple, list[str]] = {}
    for variable in variables:
        if variable.value_labels and not variable.string_width:
            key = tuple(sorted((float(k), v) for k, v in variable.value_labels.items()))
            label_sets.setdefault(key, []).append(variable.name)
    for labels, names in label_sets.items():
        out += i32(3) + i32(len(labels))
        for value, text in labels:
            encoded = text.encode("utf-8")[:120]
            out += f64(value) + bytes([len(encoded)])
            out += encoded.ljust(-(-(len(encoded) + 1) // 8) * 8 - 1, b" ")
        out += i32(4) + i32(len(names)) + b"".join(i32(index_of[n]) for n in names)

    def extension(subtype: int, size: int, data: bytes) -> bytes:
        return i32(7) + i32(subtype) + i32(size) + i32(len(data) // size) + data

    out += extension(3, 4, b"".join(i32(x) for x in (24, 0, 0, -1, 1, 1, 2, 65001)))
    out += extension(4, 8, f64(SYSMIS) + f64(HIGHEST) + f64(LOWEST))
    display = b"".join(
        i32(MEASURES.get(v.measure, 1)) + i32(v.display_width) + i32(ALIGNMENTS.get(v.alignment, 1))
        for v in variables
    )
    out += extension(11, 4, display)
    long_names = "\t".join(f"{s}={v.name}" for v, s in zip(variables, shorts, strict=True))
    out += extension(13, 1, long_names.encode("utf-8"))
    out += extension(20, 1, b"UTF-8")
    out += i32(999) + i32(0)
    out += _compress(variables, cases)
    Path(path).write_bytes(bytes(out))
    return len(cases)


# Command byte per value: small whole numbers are coded in the byte itself (value + bias),
# 255 is system-missing, 254 eight spaces; anything else is 253 followed by 8 raw bytes.
_CODES: dict = {None: 255, b" " * 8: 254}
_CODES.update({float(n): n + int(BIAS) for n in range(1 - int(BIAS), 252 - int(BIAS))})


def _segments(variables: Sequence[SavVariable], cases: list[Sequence]) -> list:
    """All values of all cases in one flat list, strings cut into 8-byte segments."""
    strings = [(i, v.string_width, v.segments) for i, v in enumerate(variables) if v.string_width]
    flat: list = []
    for case in cases:
        if strings:
            case = list(case)
            for i, width, segments in reversed(strings):
                text = ("" if case[i] is None else str(case[i])).encode("utf-8")[:width]
                text = text.ljust(segments * 8, b" ")
                case[i : i + 1] = [text[k * 8 : k * 8 + 8] for k in range(segments)]
        flat.extend(case)
    return flat


def _compress(variables: Sequence[SavVariable], cases: list[Sequence]) -> bytes:
    """SPSS bytecode compression: blocks of 8 command bytes, each block followed by the
    raw 8-byte values its 253 commands announce."""
    widths = {len(case) for case in cases}
    if widths and widths != {len(variables)}:
        raise ValueError("every case needs one value per variable")
    flat = _segments(variables, cases)
    codes = _CODES
    commands = [codes.get(v, 253) for v in flat]
    commands.extend([0] * (-len(commands) % 8))
    flat.extend([None] * (len(commands) - len(flat)))
    pack = struct.Struct("<d").pack
    out = bytearray()
    for start in range(0, len(commands), 8):
        block = commands[start : start + 8]
        out += bytes(block)
        if 253 in block:
            for k, code in enumerate(block):
                if code == 253:
                    value = flat[start + k]
                    out += value if isinstance(value, bytes) else pack(float(value))
    return bytes(out)
