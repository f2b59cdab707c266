from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from wijkkracht.contrib.cbs.management.commands.import_areas import DEFAULT_FILE

HEADER = '"Key","Title","Description","Municipality","DetailRegionCode"\n'


@pytest.fixture
def cbs_file() -> Path:
    if not DEFAULT_FILE.exists():
        message = f"the shared CBS file {DEFAULT_FILE} is not available"
        if os.environ.get("CI"):  # CI has shared/ beside the clone: never skip there
            pytest.fail(message)
        pytest.skip(message)
    return DEFAULT_FILE


@pytest.fixture
def write_csv(tmp_path):
    """Write a small CBS-style file; rows are (key, title, municipality)."""

    def _write(rows, *, header: str = HEADER, name: str = "WijkenEnBuurten.csv") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(header)
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
            for key, title, municipality in rows:
                writer.writerow([f"{key:<10}", title, "", municipality, key])
        return path

    return _write


def rows_of(path: Path, municipality_code: str, prefix: str) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            row
            for row in csv.DictReader(handle)
            if row["Municipality"] == municipality_code and row["Key"].startswith(prefix)
        ]


SHARED_CBS = DEFAULT_FILE.parent.parent


def _shared(path: Path) -> Path:
    if not path.exists():
        message = f"the shared CBS file {path} is not available"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def gebieden() -> Path:
    """85067NED "Gebieden in Nederland 2022": real values (data.csv) with its codebook."""
    return _shared(SHARED_CBS / "85067NED" / "data.csv")


@pytest.fixture
def kerncijfers_codebook() -> Path:
    """85318NED "Kerncijfers wijken en buurten 2022": the codebook DataProperties.csv."""
    return _shared(SHARED_CBS / "85318NED" / "DataProperties.csv")


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
