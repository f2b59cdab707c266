"""Fictional test BSNs: valid 9-digit numbers (11-check) from the 999 range down.

Numbers starting with 999 are the range commonly used for test persons; it holds about
90,000 valid numbers, so larger demos continue in 998..., 997... These are fictional
people in a fictional municipality; never load demo data next to real residents.
Each 8-digit stem has at most one check digit that makes it valid."""

from __future__ import annotations

from collections.abc import Iterator

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def check_digit(stem: str) -> int | None:
    """The ninth digit that makes ``stem`` (8 digits) a valid BSN, or None."""
    digit = sum(int(d) * w for d, w in zip(stem, WEIGHTS, strict=True)) % 11
    return digit if digit < 10 else None


def fictional_bsns(start_block: int = 999) -> Iterator[str]:
    """Valid BSNs in 999000000-999999999, then 998000000-998999999, ... (ascending
    inside a block)."""
    for block in range(start_block, 899, -1):
        for rest in range(100_000):
            stem = f"{block}{rest:05d}"
            digit = check_digit(stem)
            if digit is not None:
                yield f"{stem}{digit}"
