"""The embedded default's file storage: Django's FileSystemStorage, but a file appears
under its name only once it is whole.

Django writes a file straight to its final path, chunk by chunk, so a process killed in
the middle (the OOM killer, a host going down) leaves a truncated PDF or photo that looks
like a stored one. Here the chunks go to a file in `<MEDIA_ROOT>/.partial/` first, on the
same file system, and Django then moves it into place with a rename, which is atomic. A
kill leaves at most an unreferenced file in `.partial/`. (S3 uploads are atomic already.)"""

import os
import tempfile

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage

PARTIAL = ".partial"


class _WrittenFile(File):
    """A whole file on disk that Django's storage moves into place (as it does for a
    large upload kept in a temporary file)."""

    def __init__(self, path: str):
        super().__init__(None, name=path)
        self._path = path

    def temporary_file_path(self) -> str:
        return self._path


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        if hasattr(content, "temporary_file_path"):
            return super()._save(name, content)
        folder = os.path.join(self.location, PARTIAL)
        os.makedirs(folder, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=folder, delete=False)  # noqa: SIM115
        try:
            with handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            return super()._save(name, _WrittenFile(handle.name))
        finally:
            if os.path.exists(handle.name):  # not moved: the save failed
                os.unlink(handle.name)
