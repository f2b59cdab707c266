"""The benchmark table, the targets from the issue, and docs/performance.md.

Results are kept in the document itself (a JSON comment), so a run at one size or on one
database updates its rows and keeps the others. Text between ``<!-- notes -->`` and
``<!-- /notes -->`` is written by hand and kept as it is."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

# (residents, measurement, statistic, limit, description)
TARGETS = (
    (100_000, "search", "p95", 50.0, "resident search p95 ≤ 50 ms"),
    (100_000, "household", "p95", 100.0, "household page p95 ≤ 100 ms"),
    (100_000, "audit", "p95", 2.0, "audit ≤ 2 ms per request (p95)"),
    (100_000, "generation_s", None, 120.0, "demo generation < 2 min"),
    (100_000, "queue", "p95", 100.0, "team queue page p95 ≤ 100 ms (50,000 questions)"),
    (100_000, "portal_load", "lost", 0, "portal load test: 0 lost"),
    (100_000, "portal_load", "duplicated", 0, "portal load test: 0 duplicated"),
    (1_000_000, "search", "p95", 100.0, "resident search p95 ≤ 100 ms"),
)
RESULTS = re.compile(r"<!-- bench-results\n(.*?)\n-->", re.S)
NOTES = re.compile(r"<!-- notes -->\n(.*?)<!-- /notes -->", re.S)
DEFAULT_NOTES = "_No notes yet._\n"
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def value(result: dict, measurement: str, statistic: str | None) -> float | None:
    """The measured figure, or None when this run did not measure it."""
    found = result.get(measurement)
    if found is None or statistic is None:
        return found
    return found.get(statistic)


def rows(results: list[dict]) -> list[list[str]]:
    table = [
        [
            "Database",
            "Residents",
            "Demo generation",
            "Search p50 / p95",
            "Household page p50 / p95",
            "Audit per request p50 / p95",
            "Queue page p50 / p95",
            "Load average",
            "Measured",
        ]
    ]
    for r in sorted(results, key=lambda r: (r["size"], r["database"])):
        if "search" not in r:
            continue
        search = f"{r['search']['p50']:.1f} / {r['search']['p95']:.1f} ms"
        if r["search"]["mode"] != "page":
            search += f" ({r['search']['mode']})"
        household = f"{r['household']['p50']:.1f} / {r['household']['p95']:.1f} ms"
        if r["household"]["mode"] != "page":
            household += f" ({r['household']['mode']})"
        table.append(
            [
                f"{NAMES[r['database']]} {r['database_version']}",
                f"{r['size']:,}",
                f"{r['generation_s']:.1f} s",
                search,
                household,
                f"{r['audit']['p50']:.2f} / {r['audit']['p95']:.2f} ms",
                _queue(r),
                f"{r.get('load_average', '?')} / {r.get('cores', '?')} cores",
                r["date"],
            ]
        )
    return table


def _queue(r: dict) -> str:
    if not r.get("queue"):
        return "not measured"
    return f"{r['queue']['p50']:.1f} / {r['queue']['p95']:.1f} ms ({r['questions']:,} questions)"


def suite_modules() -> dict:
    """The suites in bench/suites/, by name."""
    from importlib import import_module

    folder = Path(__file__).resolve().parent / "suites"
    return {
        p.stem: import_module(f"suites.{p.stem}")
        for p in sorted(folder.glob("*.py"))
        if p.stem != "__init__"
    }


def shown_value(figure, measurement: str) -> str:
    if isinstance(figure, dict) and "p95" in figure:
        return f"{figure['p50']:.1f} / {figure['p95']:.1f} ms (p50 / p95, n={figure['samples']})"
    if isinstance(figure, float) and measurement.endswith("_s"):
        return f"{figure:.1f} s"
    if isinstance(figure, float) and measurement.endswith("_ms"):
        return f"{figure:.1f} ms"
    if isinstance(figure, dict):
        return ", ".join(f"{k} {v}" for k, v in figure.items())
    return f"{figure:,}" if isinstance(figure, int) else str(figure)


def suite_rows(name: str, stored_suites: dict) -> list[list[str]]:
    table = [["Database", "Residents", "Measurement", "Figure", "Load average", "Measured"]]
    entries = [v for k, v in stored_suites.items() if k.split(":")[0] == name]
    for entry in sorted(entries, key=lambda e: (e["size"], e["database"])):
        for measurement, figure in entry["figures"].items():
            if measurement == "load_average":
                continue
            table.append(
                [
                    f"{NAMES[entry['database']]} {entry['database_version']}",
                    f"{entry['size']:,}",
                    measurement,
                    shown_value(figure, measurement),
                    f"{entry['figures'].get('load_average', '?')} / "
                    f"{entry.get('cores', '?')} cores",
                    entry["date"],
                ]
            )
    return table


def suite_target_rows(stored_suites: dict) -> list[list[str]]:
    table = []
    for name, suite in suite_modules().items():
        for size, measurement, statistic, limit, description in suite.TARGETS:
            for database in ("sqlite", "postgresql"):
                entry = stored_suites.get(f"{name}:{database}:{size}")
                figure = None if entry is None else entry["figures"].get(measurement)
                if isinstance(figure, dict):
                    figure = figure.get(statistic)
                if figure is None:
                    table.append([f"{size:,}: {description}", NAMES[database], "not measured", "–"])
                    continue
                unit = " s" if measurement.endswith("_s") else "" if statistic is None else " ms"
                shown = f"{figure:.2f}{unit}" if isinstance(figure, float) else f"{figure}{unit}"
                table.append(
                    [
                        f"{size:,}: {description}",
                        NAMES[database],
                        shown,
                        "pass" if figure <= limit else "**FAIL**",
                    ]
                )
    return table


def suite_sections(stored_suites: dict) -> str:
    parts = []
    for name, suite in suite_modules().items():
        parts.append(
            f"## {suite.TITLE}\n\n{suite.DESCRIPTION.strip()}\n\n"
            f"{markdown(suite_rows(name, stored_suites))}\n"
        )
    return "\n".join(parts)


def target_rows(results: list[dict], stored_suites: dict | None = None) -> list[list[str]]:
    table = [["Target", "Database", "Measured", "Result"]]
    by_key = {(r["database"], r["size"]): r for r in results if "search" in r}
    for size, measurement, statistic, limit, description in TARGETS:
        for database in ("sqlite", "postgresql"):
            result = by_key.get((database, size))
            if result is None:
                table.append([f"{size:,}: {description}", NAMES[database], "not measured", "–"])
                continue
            measured = value(result, measurement, statistic)
            if measured is None:
                table.append([f"{size:,}: {description}", NAMES[database], "not measured", "–"])
                continue
            if measurement == "portal_load":
                shown = f"{measured} of {result[measurement]['submissions']:,}"
            elif measurement == "generation_s":
                shown = f"{measured:.1f} s"
            else:
                shown = f"{measured:.2f} ms"
            table.append(
                [
                    f"{size:,}: {description}",
                    NAMES[database],
                    shown,
                    "pass" if measured <= limit else "**FAIL**",
                ]
            )
    return table + suite_target_rows(stored_suites or {})


def load_rows(results: list[dict]) -> list[list[str]]:
    table = [
        [
            "Database",
            "Residents",
            "Submissions / clients",
            "Acknowledged",
            "Retried POSTs",
            "Lost",
            "Duplicated",
            "Throughput",
            "POST p50 / p95",
            "Measured",
        ]
    ]
    for r in sorted(results, key=lambda r: (r["size"], r["database"])):
        load = r.get("portal_load")
        if not load:
            continue
        table.append(
            [
                f"{NAMES[r['database']]} {r['database_version']}",
                f"{r['size']:,}",
                f"{load['submissions']:,} / {load['clients']} "
                f"(gunicorn {load['workers']} workers × 2 threads)",
                f"{load['acknowledged']:,}",
                f"{load['retries']:,}",
                str(load["lost"]),
                str(load["duplicated"]),
                f"{load['throughput']} submissions/s ({load['seconds']} s)",
                f"{load['post_p50']} / {load['post_p95']} ms",
                r["date"],
            ]
        )
    return table


def markdown(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    return "\n".join(lines)


def print_table(results: list[dict]) -> None:
    table = rows(results)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    print()
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print()
    suites = {
        f"{name}:{r['database']}:{r['size']}": {**r, "figures": figures}
        for r in results
        for name, figures in r.get("suites", {}).items()
    }
    for name in suite_modules():
        table = suite_rows(name, suites)
        for row in table[1:]:
            print("  ".join(row[:4]))
    for row in target_rows(results, suites)[1:]:
        if row[2] != "not measured":
            print(f"{row[3].strip('*'):5}  {row[1]:10}  {row[0]}: {row[2]}")


def update_report(new_results: list[dict], machine: dict, path: Path) -> Path:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    stored: dict = {"results": {}, "machine": {}}
    found = RESULTS.search(text)
    if found:
        stored = json.loads(found.group(1))
    notes = NOTES.search(text)
    notes_text = notes.group(1) if notes else DEFAULT_NOTES
    stored_suites = stored.setdefault("suites", {})
    for result in new_results:
        for name, figures in result.pop("suites", {}).items():
            stored_suites[f"{name}:{result['database']}:{result['size']}"] = {
                "database": result["database"],
                "size": result["size"],
                "database_version": result["database_version"],
                "date": result["date"],
                "cores": result.get("cores"),
                "figures": figures,
            }
        if "search" in result:
            stored["results"][f"{result['database']}:{result['size']}"] = result
        versions = stored["machine"].setdefault("versions", {})
        versions[result["database"]] = result["database_version"]
    stored["machine"].update({k: v for k, v in machine.items()})
    stored["machine"]["sqlite_library"] = sqlite3.sqlite_version
    results = list(stored["results"].values())
    m = stored["machine"]
    versions = m.get("versions", {})
    document = f"""# Performance

Measured with `make bench` (`bench/run.py`). For every database and size it creates a
fresh database, migrates, generates the demo municipality with `manage.py demo`, logs the
demo coordinator (`regisseur`) in past the second factor and measures in-process with
Django's test Client, so the figures include middleware, sessions, templates and the
audit log, but no network or web server:

- **Search**: `POST /residents/search/` with varied names (whole surnames, the first
  letters of a surname, given names), among the residents the coordinator may see.
- **Household page**: `GET /households/<uuid>/` for households the coordinator may see.
- **Audit**: time spent per request in `wijkkracht.audit.log.record`/`record_many` (one
  hash-chained line per resident shown), over the search and household requests.
- **Demo generation**: wall-clock time of `manage.py demo --residents N` (without
  support questions; those are generated next, see the queue page).
- **Queue page**: `GET /intake/queue/` as the coordinator, the first and the last page of
  each queue the coordinator works (the neighbourhood team and the municipality-wide
  intake queue), with `--questions` support questions in the municipality (default
  50,000, generated by `demo.intake.generate_questions`; most of them closed).
- **Portal load test** (`bench/loadtest.py`): gunicorn on 127.0.0.1 and a free port
  against the bench database; `--submissions` (1,000) portal submissions from
  `--clients` (20) threads, each a GET of `/hulp/<code>/` (CSRF cookie and token, signed
  idempotency key) and a POST; one in ten POSTs is sent twice, as a browser retry. Then
  the database is counted: *lost* = acknowledged submissions without a question plus
  failed submissions; *duplicated* = questions beyond one per acknowledged key plus
  retries that led to another thank-you page. Throughput = acknowledged submissions per
  second of wall-clock time.
- **Load average**: the 1-minute load during the measurement. Above the number of cores,
  other processes competed for the CPU and the latencies are pessimistic.

Each measurement takes at least 200 samples after a warm-up. On PostgreSQL the bench runs
`VACUUM ANALYZE` after the demo (autovacuum does the same within a minute in production).
Run `make bench` for both databases at 100,000 and 1,000,000 residents, or narrow it:
`make bench BENCH_ARGS="--sizes 100000 --databases sqlite"`. PostgreSQL is taken from
`$BENCH_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/wijkkracht_bench`;
the database is dropped and created again); SQLite files go to `var/` or to
`$BENCH_SQLITE_DIR`, so that two runs at once each have their own.

## Results

{markdown(rows(results))}

## Portal load test

{markdown(load_rows(results))}

{suite_sections(stored_suites)}
## Targets

{markdown(target_rows(results, stored_suites))}

## Machine

- CPU: {m.get("cpu", "?")}, {m.get("cores", "?")} cores
- Memory: {m.get("memory", "?")}
- OS: {m.get("os", "?")}
- Python {m.get("python", "?")}, Django {m.get("django", "?")}
- SQLite {versions.get("sqlite", m.get("sqlite_library", "?"))}, PostgreSQL \
{versions.get("postgresql", "not measured")}

## Notes

<!-- notes -->
{notes_text}<!-- /notes -->

<!-- bench-results
{json.dumps(stored, indent=1, sort_keys=True, ensure_ascii=False)}
-->
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document, encoding="utf-8")
    return path
