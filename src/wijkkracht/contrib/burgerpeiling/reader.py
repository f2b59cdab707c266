"""Reading and checking a Burgerpeiling file in the national VNG data format.

Accepted files
--------------
* **SPSS (.sav)**, the national data format itself (``Burgerpeling-dataformat-2022.sav``):
  one row per respondent, the variables by name (case does not matter), answers as the
  numeric codes of the value labels, ``wijknr`` text or number, ``weging`` a number.
* **CSV (.csv)**, the same variables as columns: the first line holds the variable
  names; the separator is ``;``, ``,`` or a tab, whichever the first line uses (SPSS
  "Export to CSV" and Excel with Dutch settings write ``;``); values are the numeric
  answer codes, not their labels ("Export values", not "Export value labels");
  decimals with a point or, when the separator is not a comma, a comma (``0,873``);
  an empty cell is "not answered"; fields may be quoted with ``"``. Text is UTF-8 (with
  or without byte order mark); Windows-1252 is accepted as a fallback.

Variables
---------
Required: ``wijknr``, ``weging`` and the answer variables of the indicators
(``READ_VARIABLES`` minus the optional ones). Optional: ``zw13_0`` ... ``zw13_10`` (an
optional question in the model questionnaire), and ``gemnr``, ``jr`` and ``respondent``,
which are checked or used in messages when present. All other variables of the format
are ignored: nothing else, and no free text, is read.

Checks (all problems are collected, up to ``MAX_PROBLEMS``, and nothing is imported):
every answer must be one of the codes in the format's value labels (zw13_*: 1 ticked or
0/empty not ticked), whole numbers only; ``weging`` must be a number of 0 or more;
``gemnr`` must be the municipality's CBS number and ``jr`` the year, when filled in;
``wijknr`` must be a district of the municipality (see ``DistrictResolver``). A row
with no weight, no wijknr and no answers at all (like the empty example row of the
national format file) is skipped.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkracht.areas.models import District, Municipality
from wijkkracht.contrib.burgerpeiling.indicators import ANSWER_FIELDS, ZW13_OPTIONS, Answers

FORMAT_FILE = Path(__file__).with_name("dataformat_2022.json")
MAX_PROBLEMS = 20
SINGLE_ANSWERS = tuple(name for name in ANSWER_FIELDS if name != "zw13")
REQUIRED = ("wijknr", "weging", *SINGLE_ANSWERS)
OPTIONAL = ("respondent", "gemnr", "jr", *ZW13_OPTIONS)
READ_VARIABLES = (*REQUIRED, *OPTIONAL)
WK_CODE = re.compile(r"^WK\d{6}$")


class SurveyFileError(Exception):
    """The file cannot be imported. ``problems`` lists every problem found (translated);
    nothing has been written."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


@cache
def data_format() -> dict:
    """The national data format 2022: variables with format, label and value labels."""
    return json.loads(FORMAT_FILE.read_text(encoding="utf-8"))


@cache
def allowed_codes() -> dict[str, frozenset[int]]:
    codes = {
        v["name"]: frozenset(int(k) for k in v["value_labels"])
        for v in data_format()["variables"]
        if v["name"] in READ_VARIABLES and v["value_labels"]
    }
    for name in ZW13_OPTIONS:
        codes[name] = frozenset({0, 1})
    return codes


@dataclass
class SurveyData:
    """The columns read from a file: values per variable (None when empty)."""

    file_format: str  # "sav" or "csv"
    columns: dict[str, list]
    rows: int
    first_line: int  # line number of the first respondent in messages (csv: 2)


def file_format_of(file_name: str) -> str:
    suffix = Path(file_name).suffix.lower()
    if suffix not in (".sav", ".csv"):
        raise SurveyFileError(
            _(
                "%(name)s is not a Burgerpeiling file: choose an SPSS file (.sav) or a CSV "
                "file (.csv) in the national data format."
            )
            % {"name": file_name}
        )
    return suffix[1:]


def read_survey_file(path: Path, *, file_name: str | None = None) -> SurveyData:
    """Read the variables Wijkkracht uses from a .sav or .csv file."""
    file_name = file_name or path.name
    file_format = file_format_of(file_name)
    if not path.is_file():
        raise SurveyFileError(_("File %(name)s does not exist.") % {"name": file_name})
    if file_format == "sav":
        return _read_sav(path, file_name)
    return _read_csv(path, file_name)


def _missing_message(missing: list[str]) -> str:
    return _(
        "The variable(s) %(missing)s are missing. A Burgerpeiling file in the national data "
        "format has them all; check that the file was exported with the variable names "
        "(wl01, wl04, weging, wijknr, ...) in the first line."
    ) % {"missing": ", ".join(missing)}


def _read_sav(path: Path, file_name: str) -> SurveyData:
    import pyreadstat

    not_sav = _(
        "%(name)s cannot be read as an SPSS file (.sav). Save it from SPSS as .sav, or "
        "export it as CSV."
    ) % {"name": file_name}
    try:
        _empty, meta = pyreadstat.read_sav(str(path), metadataonly=True, output_format="dict")
    except Exception as exc:  # pyreadstat raises its own errors for any unreadable file
        raise SurveyFileError(not_sav) from exc
    by_lower = {name.lower(): name for name in meta.column_names}
    missing = [name for name in REQUIRED if name not in by_lower]
    if missing:
        raise SurveyFileError(_missing_message(missing))
    wanted = [by_lower[name] for name in READ_VARIABLES if name in by_lower]
    try:
        data, meta = pyreadstat.read_sav(str(path), usecols=wanted, output_format="dict")
    except Exception as exc:
        raise SurveyFileError(not_sav) from exc
    columns = {name.lower(): list(values) for name, values in data.items()}
    return SurveyData("sav", columns, meta.number_rows or 0, first_line=1)


def _read_csv(path: Path, file_name: str) -> SurveyData:
    raw = path.read_bytes()
    if b"\0" in raw[:4096]:
        raise SurveyFileError(
            _("%(name)s is not a CSV text file; an SPSS file must end in .sav.")
            % {"name": file_name}
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise SurveyFileError(_("%(name)s is not a UTF-8 text file.") % {"name": file_name})
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    if not first_line.count(delimiter):
        raise SurveyFileError(
            _(
                "The first line of %(name)s has no separator (; , or tab): it should hold the "
                "variable names."
            )
            % {"name": file_name}
        )
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [h.strip().lower() for h in next(reader)]
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise SurveyFileError(
            _("%(name)s is not a valid CSV file: %(error)s") % {"name": file_name, "error": exc}
        ) from exc
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise SurveyFileError(_missing_message(missing))
    index = {name: header.index(name) for name in READ_VARIABLES if name in header}
    problems = []
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            problems.append(
                _("Line %(line)d has %(found)d values; the first line has %(expected)d names.")
                % {"line": number, "found": len(row), "expected": len(header)}
            )
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise SurveyFileError(problems)
    decimal_comma = delimiter != ","
    columns: dict[str, list] = {}
    for name, i in index.items():
        if name == "wijknr":
            columns[name] = [row[i].strip() or None for row in rows]
        else:
            columns[name] = [_csv_number(row[i], decimal_comma) for row in rows]
    return SurveyData("csv", columns, len(rows), first_line=2)


def _csv_number(cell: str, decimal_comma: bool):
    cell = cell.strip()
    if not cell:
        return None
    try:
        return float(cell.replace(",", ".") if decimal_comma else cell)
    except ValueError:
        return cell  # reported as "not a code" by the checks


class DistrictResolver:
    """Maps ``wijknr`` to a district of the municipality.

    ``wijknr`` is "the official CBS code" of the district. Accepted spellings, for a
    district ``WK036301`` of municipality GM0363:

    * the code itself, ``WK036301`` (any case);
    * the code without ``WK``: ``036301``, or as a number ``36301`` (leading zeros lost);
      3 to 6 digits are read as the code without ``WK``;
    * the district number within the municipality, the last two digits of the code:
      ``1`` or ``01``; 1 or 2 digits are read this way;
    * anything else through ``mapping`` (``{wijknr: district code}``), for research
      bureaus that number districts their own way (``--wijknr-map`` of the command,
      "Own district numbers" on the upload page). The mapping goes first.

    An empty wijknr is allowed: such a respondent counts for the municipality only. The
    districts are those of the municipality in the latest CBS year up to the survey year
    (or the earliest year, if all are later).
    """

    def __init__(self, municipality: Municipality, year: int, mapping: dict[str, str] | None):
        years = sorted(
            set(District.objects.filter(municipality=municipality).values_list("year", flat=True))
        )
        earlier = [y for y in years if y <= year]
        self.district_year = (earlier[-1] if earlier else years[0]) if years else None
        self.districts = {
            d.code: d
            for d in District.objects.filter(municipality=municipality, year=self.district_year)
        }
        self.digits = municipality.code[2:]
        self.mapping: dict[str, str] = {}
        self.problems: list[str] = []
        for key, code in (mapping or {}).items():
            code = code.strip().upper()
            if code not in self.districts:
                self.problems.append(
                    _("Own district numbers: %(code)s is not a district of %(municipality)s.")
                    % {"code": code, "municipality": municipality}
                )
            self.mapping[self._normalise(key)] = code
        self._cache: dict = {}

    @staticmethod
    def _normalise(raw) -> str:
        if isinstance(raw, float):
            if not math.isfinite(raw):
                return str(raw)
            raw = int(raw) if raw.is_integer() else raw
        text = str(raw).strip().upper()
        if re.fullmatch(r"\d+\.0+", text):
            text = text.split(".")[0]
        return text

    def resolve(self, raw) -> District | None:
        """The district, None for an empty wijknr; KeyError for an unknown one."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if raw in self._cache:
            return self._cache[raw]
        text = self._normalise(raw)
        if text in self.mapping:
            code = self.mapping[text]
        elif WK_CODE.match(text):
            code = text
        elif text.isdigit() and len(text) <= 2:
            code = f"WK{self.digits}{text.zfill(2)}"
        elif text.isdigit() and len(text) <= 6:
            code = "WK" + text.zfill(6)
        else:
            code = ""
        district = self.districts.get(code)
        if district is None:
            raise KeyError(text)
        self._cache[raw] = district
        return district


@dataclass
class ParsedSurvey:
    answers: list[Answers] = field(default_factory=list)
    skipped_empty: int = 0
    without_district: int = 0
    district_year: int | None = None


def parse_answers(
    data: SurveyData, *, municipality: Municipality, year: int, resolver: DistrictResolver
) -> ParsedSurvey:
    """Check every row; the respondents' answers, or SurveyFileError with the problems.

    Works column by column (a file of 20,000 respondents is checked in well under a
    second); problems are reported in row order, at most ``MAX_PROBLEMS``."""
    columns = data.columns
    rows = data.rows
    codes = allowed_codes()
    present_zw13 = [name for name in ZW13_OPTIONS if name in columns]
    checked = [*SINGLE_ANSWERS, *present_zw13]
    weights = columns["weging"]
    wijknrs = columns["wijknr"]
    numbers = columns.get("respondent") or [None] * rows
    found: list[tuple[int, str]] = []

    def where(i: int) -> str:
        line = i + data.first_line
        if data.file_format == "csv":
            place = _("line %(line)d") % {"line": line}
        else:
            place = _("row %(line)d") % {"line": line}
        number = numbers[i]
        if isinstance(number, float) and number.is_integer():
            place += " " + _("(respondent %(number)d)") % {"number": int(number)}
        return place

    # A row without weight, wijknr and answers (the format's empty example row) is skipped.
    empty = {
        i
        for i, weight in enumerate(weights)
        if weight is None
        and (wijknrs[i] is None or not str(wijknrs[i]).strip())
        and all(columns[name][i] is None for name in checked)
    }

    for name in checked:
        allowed = codes[name]
        for i, value in enumerate(columns[name]):
            if value is not None and value not in allowed and i not in empty:
                found.append(
                    (
                        i,
                        _(
                            "%(where)s: %(variable)s is %(value)s, which is not an answer code "
                            "of this question (allowed: %(low)d to %(high)d, or empty)."
                        )
                        % {
                            "where": where(i),
                            "variable": name,
                            "value": _shown(value),
                            "low": min(allowed),
                            "high": max(allowed),
                        },
                    )
                )
                if len(found) > MAX_PROBLEMS * 2:
                    break
    for i, weight in enumerate(weights):
        if i in empty:
            continue
        if not isinstance(weight, float) or not math.isfinite(weight) or weight < 0:
            found.append(
                (
                    i,
                    _("%(where)s: weging is %(value)s; the weight must be a number of 0 or more.")
                    % {"where": where(i), "value": _shown(weight)},
                )
            )
    for variable, expected, shown in (
        ("gemnr", int(municipality.code[2:]), str(municipality)),
        ("jr", year, str(year)),
    ):
        for i, value in enumerate(columns.get(variable) or ()):
            if value is not None and value != expected:
                found.append(
                    (
                        i,
                        _(
                            "%(where)s: %(variable)s is %(value)s, but this import is for "
                            "%(expected)s."
                        )
                        % {
                            "where": where(i),
                            "variable": variable,
                            "value": _shown(value),
                            "expected": shown,
                        },
                    )
                )

    districts: dict = {}
    for i, raw in enumerate(wijknrs):
        if raw in districts or i in empty:
            continue
        try:
            districts[raw] = resolver.resolve(raw)
        except KeyError:
            districts[raw] = None
            found.append(
                (
                    i,
                    _(
                        "%(where)s: wijknr %(value)s is not a district of %(municipality)s. Use "
                        "the CBS district code (like WK%(digits)s01), or give your own district "
                        "numbers."
                    )
                    % {
                        "where": where(i),
                        "value": _shown(raw),
                        "municipality": municipality,
                        "digits": resolver.digits,
                    },
                )
            )

    problems = list(resolver.problems)
    problems += [message for _i, message in sorted(found, key=lambda f: f[0])]
    if problems:
        if len(problems) > MAX_PROBLEMS:
            problems = problems[:MAX_PROBLEMS]
            problems.append(
                _("Checking stopped after %(count)d problems.") % {"count": MAX_PROBLEMS}
            )
        raise SurveyFileError(problems)

    keep = [i for i in range(rows) if i not in empty] if empty else range(rows)
    if not keep:
        raise SurveyFileError(
            _("The file holds no respondents: every row is empty. Nothing was imported.")
        )
    masks = [0] * rows
    for bit, name in enumerate(ZW13_OPTIONS):
        for i, value in enumerate(columns.get(name) or ()):
            if value == 1:
                masks[i] |= 1 << bit

    def as_codes(name: str) -> list[int | None]:
        return [None if v is None else int(v) for v in columns[name]]

    district_ids = [None if (d := districts.get(raw)) is None else d.pk for raw in wijknrs]
    fields = {
        "district_id": district_ids,
        "weight": weights,
        **{name: as_codes(name) for name in SINGLE_ANSWERS},
        "zw13": masks,
    }
    ordered = [fields[name] for name in Answers._fields]
    every = [Answers._make(values) for values in zip(*ordered, strict=True)]
    answers = every if not empty else [every[i] for i in keep]
    return ParsedSurvey(
        answers=answers,
        skipped_empty=len(empty),
        without_district=sum(1 for a in answers if a.district_id is None),
        district_year=resolver.district_year,
    )


def _shown(value) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f'"{value}"' if isinstance(value, str) else str(value)


def parse_wijknr_map(text: str) -> dict[str, str]:
    """Own district numbers, one per line: ``wijknr=district code`` (``;``, ``,`` or a
    tab also separate), e.g. ``7=WK036301``. Empty lines and lines starting with # are
    skipped; a first line ``wijknr;wijkcode`` (a header) too."""
    mapping: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip().strip('"') for p in re.split(r"[=;,\t]", line)]
        if len(parts) != 2 or not parts[0] or not parts[1]:
            problems.append(
                _("Own district numbers, line %(line)d: write it as wijknr=WK code.")
                % {"line": number}
            )
            continue
        if number == 1 and not WK_CODE.match(parts[1].upper()):
            continue  # a header line
        mapping[parts[0]] = parts[1]
    if problems:
        raise SurveyFileError(problems)
    return mapping
