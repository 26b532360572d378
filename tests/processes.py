"""Real processes for the tests that run the site as it is deployed: gunicorn servers and
task workers (`manage.py db_worker`) on 127.0.0.1, with the test settings pointed at the
test's database and media (see the DOSTA_WORKER_* variables in settings/test.py).

Every process is started in its own process group and stopped by its own id."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import urllib3
from django.conf import settings
from django.db import connection

from tests.s3server import free_port

BASE_DIR = Path(settings.BASE_DIR)


def app_env(*, database_url: str | None = None) -> dict:
    """The environment of a server or worker on the test database (or `database_url`),
    with the test's media place: its folder on disk or its prefix in the bucket."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="settings.test", PYTHONWARNINGS="ignore")
    env["DOSTA_WORKER_DB"] = str(connection.settings_dict["NAME"])
    if database_url:
        env["DOSTA_WORKER_DATABASE_URL"] = database_url
    env["DOSTA_WORKER_MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    env["DOSTA_WORKER_S3_LOCATION"] = (
        settings.STORAGES["default"].get("OPTIONS", {}).get("location", "")
    )
    return env


class Process:
    """One started process, its log in `log`; `stop()` ends its group."""

    def __init__(self, args: list[str], *, env: dict, log: Path):
        self.log = log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                args,
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL to the process and its children, as a crash or the OOM killer would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, grace: float = 10) -> None:
        if self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


class Server(Process):
    """A gunicorn server of the site (`settings.wsgi`) on 127.0.0.1, as in production."""

    def __init__(self, *, env: dict, log: Path, workers: int = 2, threads: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "settings.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--timeout=60",
            ],
            env=env,
            log=log,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the health check answers "ok" (the server is up and reaches the database)."""
        http = urllib3.PoolManager(retries=False, timeout=5)
        deadline = time.monotonic() + timeout
        while True:
            if not self.alive():
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                if http.request("GET", f"{self.url}/health/").status == 200:
                    return
            except urllib3.exceptions.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn not ready:\n{self.log_tail()}")
            time.sleep(0.2)


def worker(*, env: dict, log: Path) -> Process:
    """A task worker that keeps polling the queue, as `dosta-worker@.service` runs it."""
    return Process(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
        env=env,
        log=log,
    )
