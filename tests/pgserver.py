"""A private, throw-away PostgreSQL cluster for the tests that stop or restart it: the
machine's shared server (127.0.0.1:5432) serves other processes and is never touched.

It listens on 127.0.0.1 only, on a free port, with its socket in its own directory.
Run as root, initdb and pg_ctl run as the ``postgres`` user (PostgreSQL refuses root),
and the directory belongs to that user.

    with PrivatePostgres() as pg:
        pg.restart()
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Self

from tests.s3server import free_port


def _bindir() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin (Debian), else where pg_ctl is."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path is None:
        raise RuntimeError("PostgreSQL's pg_ctl not found (install postgresql)")
    return Path(on_path).parent


class PrivatePostgres:
    def __init__(self) -> None:
        self.bindir = _bindir()
        # Not under pytest's tmp_path: that is private to root, and the server runs as
        # postgres. A short path keeps the unix socket's name within its limit.
        self.root = Path(tempfile.mkdtemp(prefix="dosta-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, user="postgres", group="postgres")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def _pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options, *args)

    def start(self) -> Self:
        if not self.data.exists():
            self._run(
                "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync",
            )  # fmt: skip
        self._pg_ctl("start")
        return self

    def stop(self) -> None:
        """A fast shutdown: sessions are cut, open transactions rolled back."""
        self._pg_ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._pg_ctl("-m", "fast", "restart")

    def psql(self, database: str, sql: str = "", *, stdin: bytes | None = None) -> str:
        command = [str(self.bindir / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"]
        command += ["-d", self.url(database)]
        if sql:
            command += ["-c", sql]
        done = subprocess.run(command, input=stdin, check=True, capture_output=True, timeout=60)
        return done.stdout.decode()

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.destroy()
