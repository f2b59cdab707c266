#!/usr/bin/env python
"""``make bench``: generate the demo municipality at realistic sizes on SQLite and
PostgreSQL and measure what a professional waits for.

For every database and size a worker process (this script with ``--worker``) creates a
fresh database, migrates, times ``manage.py demo``, logs the demo coordinator in past the
second factor (as conftest.py's ``login`` does) and measures in-process with Django's test
Client:

* resident search: POST /residents/search/ with varied names (p50/p95);
* household page: GET /households/<uuid>/ for households the coordinator may see;
* audit overhead: time spent in ``wijkkracht.audit.log.record``/``record_many`` per request;
* team queue page: GET /intake/queue/ (first and last page of each of the coordinator's
  queues) with ``--questions`` support questions in the municipality (default 50,000);
* portal load test (``bench/loadtest.py``): gunicorn on loopback, ``--submissions`` portal
  submissions from ``--clients`` concurrent clients, then a count of lost and duplicated.

If a page does not exist yet, the measurement calls the queryset and access helper
directly and the row says so. Results are printed and written to docs/performance.md.

    .venv/bin/python bench/run.py [--sizes 100000] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from report import update_report  # noqa: E402

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wijkkracht_bench"
DATABASES = ("sqlite", "postgresql")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="Comma-separated numbers of residents (default 100000,1000000).",
    )
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="Comma-separated: sqlite, postgresql (default both).",
    )
    parser.add_argument(
        "--samples", type=int, default=300, help="Measured requests per measurement (at least 200)."
    )
    parser.add_argument("--warmup", type=int, default=30, help="Unmeasured requests first.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--suites",
        default="all",
        help="Comma-separated: core (search, household, audit, queue, portal load) and the "
        f"suites in bench/suites/ ({', '.join(suite_names())}); default all.",
    )
    parser.add_argument(
        "--questions",
        type=int,
        default=None,
        help="Support questions in the demo municipality for the queue page (default 50000 "
        "with the core suite, else 0).",
    )
    parser.add_argument(
        "--submissions",
        type=int,
        default=1000,
        help="Portal submissions in the loopback load test (default 1000; 0 skips it).",
    )
    parser.add_argument(
        "--clients", type=int, default=20, help="Concurrent clients of the load test."
    )
    parser.add_argument(
        "--no-report", action="store_true", help="Do not update docs/performance.md."
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    known = ["core", *suite_names()]
    if args.suites == "all":
        args.suite_list = known
    else:
        args.suite_list = [s.strip() for s in args.suites.split(",") if s.strip()]
    unknown_suites = set(args.suite_list) - set(known)
    if unknown_suites:
        parser.error(f"unknown suite(s): {', '.join(sorted(unknown_suites))}")
    if args.questions is None:
        args.questions = 50_000 if "core" in args.suite_list else 0
    args.database_list = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(args.database_list) - set(DATABASES)
    if unknown:
        parser.error(f"unknown database(s): {', '.join(sorted(unknown))}")
    if args.samples < 200:
        parser.error("--samples must be at least 200")
    return args


def suite_names() -> list[str]:
    return sorted(p.stem for p in (ROOT / "bench" / "suites").glob("*.py") if p.stem != "__init__")


def database_url(database: str, size: int) -> str:
    if database == "sqlite":
        # BENCH_SQLITE_DIR keeps concurrent bench runs apart (each its own files).
        folder = Path(os.environ.get("BENCH_SQLITE_DIR") or ROOT / "var")
        return f"sqlite:///{folder / f'bench-{size}.sqlite3'}"
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)


def worker_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": url,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if not env.get("SECRET_KEY"):
        env["WIJKKRACHT_INSECURE_DEMO_KEY"] = "true"
    return env


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import django

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "django": django.get_version(),
        "os": platform.platform(),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        from worker import run_worker

        run_worker(args)
        return 0
    (ROOT / "var").mkdir(exist_ok=True)
    results = []
    failed = False
    for database in args.database_list:
        for size in args.size_list:
            url = database_url(database, size)
            print(f"== {database}, {size:,} residents", flush=True)
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
                out = handle.name
            command = [
                sys.executable,
                __file__,
                "--worker",
                "--database-url",
                url,
                "--size",
                str(size),
                "--samples",
                str(args.samples),
                "--warmup",
                str(args.warmup),
                "--seed",
                str(args.seed),
                "--questions",
                str(args.questions),
                "--suites",
                ",".join(args.suite_list),
                "--submissions",
                str(args.submissions),
                "--clients",
                str(args.clients),
                "--out",
                out,
            ]
            completed = subprocess.run(command, env=worker_env(url), cwd=ROOT, check=False)
            if completed.returncode != 0:
                print(
                    f"!! {database} at {size:,} failed (exit {completed.returncode})",
                    file=sys.stderr,
                )
                failed = True
                continue
            result = json.loads(Path(out).read_text())
            Path(out).unlink()
            result["database"] = database
            result["date"] = datetime.date.today().isoformat()
            result["cores"] = os.cpu_count()
            results.append(result)
    if results:
        from report import print_table

        print_table(results)
        if not args.no_report:
            path = update_report(results, machine(), ROOT / "docs" / "performance.md")
            print(f"Updated {path.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
