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
