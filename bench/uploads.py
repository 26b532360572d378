"""Peak memory of one gunicorn worker while a 10 MB photo is uploaded through the entry
form and processed, above the worker's resident memory just before."""

import http.client
import io
import time
import urllib.parse
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from bench import web
from bench.build import OpenCall
from submissions.files import MAX_PHOTO_BYTES
from submissions.forms import EntryForm

# A 24 MP camera picture: 6000 × 4000.
PHOTO_SIZE = (6000, 4000)
TARGET_BYTES = 10_000_000


def big_jpeg(path: Path, *, size: tuple[int, int] = PHOTO_SIZE, target: int = TARGET_BYTES) -> Path:
    """A real JPEG of about `target` bytes (at most the upload limit): a gradient under
    colour noise, which compresses as poorly as a detailed photo, at the highest quality
    that stays under the target."""
    noise = [Image.effect_noise(size, 24) for _ in range(3)]
    picture = Image.merge("RGB", noise)
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    picture = Image.blend(picture, gradient, 0.4)
    low, high, best = 50, 98, None
    while low <= high:
        quality = (low + high) // 2
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality)
        if buffer.tell() <= min(target, MAX_PHOTO_BYTES):
            best, low = buffer.getvalue(), quality + 1
        else:
            high = quality - 1
    if best is None:
        raise RuntimeError("could not make a JPEG under the target size")
    path.write_bytes(best)
    return path


def figures(*, env: dict, call: OpenCall, tmp: Path) -> dict:
    photo = big_jpeg(tmp / "camera.jpg")
    small = tmp / "small.jpg"
    Image.linear_gradient("L").resize((800, 600)).convert("RGB").save(small, "JPEG")
    session = _session_cookie(call.member)
    with translation.override("en"):
        path = reverse("submissions:entry_edit", kwargs={"ref": call.entry.ref})
    with web.gunicorn(env=env, workers=1) as (base, master):
        host, port = base.removeprefix("http://").split(":")
        worker = _worker_pid(master.pid)
        upload = _Uploader(host, int(port), path, session, call)
        upload.send(small)  # warms the worker: Pillow, the form, the storage client
        idle_kb = _status(worker, "VmRSS")
        Path(f"/proc/{worker}/clear_refs").write_text("5")  # VmHWM starts again from now
        began = time.perf_counter()
        status = upload.send(photo)
        seconds = time.perf_counter() - began
        peak_kb = _status(worker, "VmHWM")
    stored = call.entry.photos.order_by("-pk").first()
    above = (peak_kb - idle_kb) / 1024
    return {
        "photo": {
            "bytes": photo.stat().st_size,
            "pixels": f"{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}",
            "format": "JPEG",
        },
        "response_status": status,
        "seconds": round(seconds, 2),
        "stored_size": f"{stored.width}x{stored.height}" if stored else None,
        "worker_idle_mb": round(idle_kb / 1024, 1),
        "worker_peak_mb": round(peak_kb / 1024, 1),
        "peak_above_idle_mb": round(above, 1),
        "target_met": status == 302 and above < 150,
    }


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _worker_pid(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _status(pid: int, field: str) -> int:
    """A field of /proc/<pid>/status, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


class _Uploader:
    """Posts the entry form as a browser does: the fields as they are, one new photo."""

    def __init__(self, host: str, port: int, path: str, session: str, call: OpenCall):
        self.host, self.port, self.path, self.call = host, port, path, call
        self.cookies = {"sessionid": session}

    def _request(self, method: str, body: bytes = b"", headers: dict | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(
            method, self.path, body=body, headers={"Cookie": cookie, **(headers or {})}
        )
        response = connection.getresponse()
        response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status

    def send(self, photo: Path) -> int:
        if self._request("GET") != 200:
            raise RuntimeError("the entry form did not open")
        fields = _form_fields(self.call)
        fields["csrfmiddlewaretoken"] = self.cookies["csrftoken"]
        boundary = uuid.uuid4().hex
        body = _multipart(fields, photo, boundary)
        return self._request(
            "POST",
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": f"http://{self.host}:{self.port}{self.path}",
            },
        )


def _form_fields(call: OpenCall) -> dict[str, str]:
    call.entry.refresh_from_db()
    fields = {"action": "save", "version": str(call.entry.version)}
    for name, value in EntryForm.initial_for(call.entry).items():
        if value is True:
            fields[name] = "on"
        elif value in (None, False):
            continue
        elif isinstance(value, date | Decimal | int):
            fields[name] = str(value)
        else:
            fields[name] = value
    fields.update(
        photo_caption="A street festival",
        photo_credit="Bench",
        photo_alt="People dancing in a street",
        photo_people="consented",
    )
    return fields


def _multipart(fields: dict[str, str], photo: Path, boundary: str) -> bytes:
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    filename = urllib.parse.quote(photo.name)
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="{filename}"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
    )
    parts.append(photo.read_bytes())
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts)
