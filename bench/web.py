"""Pages served by gunicorn on 127.0.0.1 and loaded with wrk: the public pages beside the
bare view, served by the same server in the same run."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, env: dict, workers: int) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn with sync workers on a free loopback port; yields (base URL, master)."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "settings.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--log-level=warning",
        "--timeout=120",
    ]
    master = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, master)
        yield base, master
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait()


def _wait_up(base: str, master: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {master.returncode}")
        try:
            with urllib.request.urlopen(base + "/bench/bare/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def wrk(url: str, *, duration: int, connections: int) -> dict:
    """Requests/s and latency percentiles of `url` under `connections` clients."""
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk is missing: `make bench` installs it (apt-get install wrk)")
    threads = min(connections, 2)
    output = subprocess.run(
        [binary, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        f"p{p}_ms": _milliseconds(re.search(rf"^\s+{p}%\s+([\d.]+\w+)", output, re.M).group(1))
        for p in (50, 99)
    }
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    return {
        "requests_per_second": round(rate, 1),
        **latency,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


def _milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return round(float(value) * _UNITS[unit], 2)


def public_pages(*, env: dict, edition, laureate, photo, duration: int, connections: int) -> dict:
    """Each page loaded for `duration` seconds in all, in slices of two seconds taken in
    turns (bare, edition, laureate, photo, bare, ...), so a change of load on the machine
    hits every page alike. Rate: all requests over all slices; p50: the median of the
    slices' p50; p99: the worst of the slices' p99.

    The photo is one of the laureate's public photos (its large rendition, as the page
    shows it). With S3 the app answers 302 to a signed URL of the bucket
    (web/files.py) and the browser fetches the bytes from there: what is
    measured is the app's answer, the part that holds a gunicorn worker."""
    with translation.override("en"):
        paths = {
            "bare_view": "/bench/bare/",
            "edition_page": reverse("results:edition", kwargs={"number": edition.number}),
            "laureate_page": reverse(
                "results:laureate", kwargs={"number": edition.number, "ref": laureate.ref}
            ),
            "public_photo": reverse(
                "submissions:photo_file", kwargs={"pk": photo.pk, "size": "large"}
            ),
        }
    slices = max(1, duration // 2)
    runs: dict[str, list[dict]] = {name: [] for name in paths}
    with gunicorn(env=env, workers=2) as (base, _master):
        for path in paths.values():
            _check_page(base + path)  # a redirect is followed: the image answers 200
        answer = _first_answer(base + paths["public_photo"])
        for _slice in range(slices):
            for name, path in paths.items():
                runs[name].append(
                    wrk(base + path, duration=duration // slices, connections=connections)
                )
    figures = {
        "server": f"gunicorn, 2 sync workers, {connections} clients (wrk), {duration} s per page "
        f"in {slices} interleaved slices",
    }
    for name, path in paths.items():
        figures[name] = {"path": path, **_combined(runs[name])}
    figures["public_photo"]["answer"] = answer
    bare = figures["bare_view"]["requests_per_second"]
    for name in ("edition_page", "laureate_page", "public_photo"):
        figures[name]["ratio_to_bare"] = round(figures[name]["requests_per_second"] / bare, 3)
    figures["target_met"] = all(
        figures[name]["ratio_to_bare"] >= 0.5 for name in ("edition_page", "laureate_page")
    )
    return figures


def _first_answer(url: str) -> str:
    """The app's own status and, for a redirect, where to (host only)."""

    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(Keep).open(url, timeout=30) as response:
            return f"{response.status}, {response.headers.get('Content-Length')} bytes streamed"
    except urllib.error.HTTPError as redirect:
        host = urllib.parse.urlsplit(redirect.headers["Location"]).netloc
        return f"{redirect.code} to a signed URL on {host}"


def _combined(runs: list[dict]) -> dict:
    p50s = sorted(run["p50_ms"] for run in runs)
    return {
        "requests_per_second": round(sum(r["requests_per_second"] for r in runs) / len(runs), 1),
        "p50_ms": p50s[len(p50s) // 2],
        "p99_ms": max(run["p99_ms"] for run in runs),
        "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": "; ".join(run["socket_errors"] for run in runs if run["socket_errors"]),
    }


def _check_page(url: str) -> None:
    """The page answers 200 (and is warm) before it is measured."""
    for _ in range(3):
        with urllib.request.urlopen(url, timeout=30) as response:
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
