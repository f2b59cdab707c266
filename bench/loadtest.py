"""A bounded load test of the resident portal on loopback: gunicorn on 127.0.0.1 and a
free port against the bench database, N portal submissions from C concurrent clients
(threads with http.client), each a GET of the form (CSRF cookie and token, signed
idempotency key) and a POST; some clients send the same POST twice, as a browser retry.

Bounded in count and time, loopback only. Afterwards the database is counted: every
acknowledged submission must be there exactly once (0 lost, 0 duplicated), and a retried
POST must lead to the same thank-you page as the first."""

from __future__ import annotations

import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY_INPUT = re.compile(r'name="idempotency_key" value="([^"]+)"')
DESCRIPTIONS = (
    "Ik kan mijn rekeningen niet meer betalen.",
    "Mijn moeder redt het thuis niet meer alleen.",
    "Wij zoeken hulp bij de opvoeding van onze zoon.",
    "Ik voel me eenzaam en zoek contact in de buurt.",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Outcome:
    acknowledged: dict[str, str] = field(default_factory=dict)  # idempotency token -> thanks
    retries: int = 0
    retry_mismatches: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _request(port, method, path, *, body=None, headers=None, timeout=30.0):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _cookie(headers, name: str) -> str:
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return ""


def submit_once(port: int, code: str, rng: random.Random, outcome: Outcome, retry: bool) -> None:
    path = f"/hulp/{code}/"
    status, headers, body = _request(port, "GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    page = body.decode()
    csrf_cookie = _cookie(headers, "csrftoken")
    csrf_field, key = CSRF_INPUT.search(page), KEY_INPUT.search(page)
    if not (csrf_cookie and csrf_field and key):
        raise RuntimeError("the form has no CSRF cookie, CSRF token or idempotency key")
    form = urlencode(
        {
            "csrfmiddlewaretoken": csrf_field.group(1),
            "idempotency_key": key.group(1),
            "description": rng.choice(DESCRIPTIONS),
            "consent_to_contact": "on",
            "contact_preference": "phone",
            "phone": "0612345678",
        }
    )
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
        "Origin": f"http://{HOST}:{port}",
        "Referer": f"http://{HOST}:{port}{path}",
    }
    started = time.perf_counter()
    status, headers, _body = _request(port, "POST", path, body=form, headers=post_headers)
    elapsed = (time.perf_counter() - started) * 1000
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    if status != 302 or "/bedankt/" not in location:
        raise RuntimeError(f"POST answered {status} {location!r}")
    with outcome.lock:
        outcome.acknowledged[key.group(1)] = location
        outcome.latencies.append(elapsed)
    if retry:
        status, headers, _body = _request(port, "POST", path, body=form, headers=post_headers)
        again = dict((k.lower(), v) for k, v in headers).get("location", "")
        with outcome.lock:
            outcome.retries += 1
            if status != 302 or not _same_question(again, location):
                outcome.retry_mismatches += 1


def _same_question(first: str, second: str) -> bool:
    """Thank-you tokens are timestamped signatures: compare the signed value."""

    def value(location: str) -> str:
        token = location.rstrip("/").rsplit("/", 1)[-1]
        return token.split(":", 1)[0]

    return bool(first) and value(first) == value(second)


def start_server(port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "wijkkracht.wsgi:application",
        "--pythonpath",
        str(ROOT / "src"),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "2",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_until_up(port: int, code: str, server: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"gunicorn stopped: {server.stderr.read().decode(errors='replace')[-2000:]}"
            )
        try:
            status, _headers, _body = _request(port, "GET", f"/hulp/{code}/", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the process group we started, nothing else
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def run_load_test(
    *,
    database_url: str,
    code: str,
    total: int = 1000,
    clients: int = 20,
    retry_share: float = 0.1,
    time_limit: float = 600.0,
    seed: int = 1,
) -> dict:
    """Run the test and count in the database. Needs Django set up on ``database_url``."""
    from wijkkracht.intake.forms_registration import read_idempotency_token
    from wijkkracht.intake.models import Channel, SupportRequest
    from wijkkracht.portal.views import KEY_PREFIX

    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "PORTAL_SUBMISSIONS_PER_HOUR": str(total * 10),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    workers = max(2, (os.cpu_count() or 1) * 2)
    deadline = time.monotonic() + time_limit
    before = SupportRequest.objects.filter(channel=Channel.PORTAL).count()
    outcome = Outcome()
    server = start_server(port, env, workers)
    try:
        wait_until_up(port, code, server, time.monotonic() + 60)
        per_client = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]

        def client(number: int) -> None:
            rng = random.Random(f"{seed}:{number}")
            for _ in range(per_client[number]):
                if time.monotonic() > deadline:
                    with outcome.lock:
                        outcome.errors.append("time limit reached")
                    return
                try:
                    submit_once(port, code, rng, outcome, retry=rng.random() < retry_share)
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    with outcome.lock:
                        outcome.errors.append(f"{type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(1.0, deadline - time.monotonic()))
        seconds = time.perf_counter() - started
    finally:
        stop_server(server)
    keys = {KEY_PREFIX + (read_idempotency_token(t) or "") for t in outcome.acknowledged}
    stored = set(
        SupportRequest.objects.filter(idempotency_key__in=list(keys)).values_list(
            "idempotency_key", flat=True
        )
    )
    created = SupportRequest.objects.filter(channel=Channel.PORTAL).count() - before
    sent = len(outcome.acknowledged)
    return {
        "submissions": total,
        "clients": clients,
        "workers": workers,
        "acknowledged": sent,
        "retries": outcome.retries,
        "retry_mismatches": outcome.retry_mismatches,
        "created": created,
        "lost": len(keys - stored) + len(outcome.errors),
        "duplicated": max(0, created - len(stored)) + outcome.retry_mismatches,
        "errors": len(outcome.errors),
        "first_errors": outcome.errors[:5],
        "seconds": round(seconds, 2),
        "throughput": round(sent / seconds, 1) if seconds else 0.0,
        "post_p50": round(_quantile(outcome.latencies, 0.5), 1),
        "post_p95": round(_quantile(outcome.latencies, 0.95), 1),
    }


def _quantile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
