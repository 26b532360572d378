"""A file download as the browser ends up with it. With files on disk the app streams
the file; with S3 it answers 302 to a signed URL of the bucket (web/files.py),
which is fetched here from the real test S3 server, as a browser follows it."""

from dataclasses import dataclass

import urllib3
from django.conf import settings


@dataclass
class Download:
    status: int
    headers: object  # case-insensitive: Django's ResponseHeaders or urllib3's HTTPHeaderDict
    body: bytes
    app_headers: object  # the app's own answer (the redirect's, on S3)

    def __getitem__(self, name: str) -> str:
        return self.headers[name]


def bucket_endpoint() -> str | None:
    options = settings.STORAGES["default"].get("OPTIONS", {})
    return options.get("endpoint_url")


def is_signed_redirect(response) -> bool:
    endpoint = bucket_endpoint()
    return (
        response.status_code == 302
        and endpoint is not None
        and response["Location"].startswith(endpoint + "/")
    )


def downloaded(response) -> Download:
    """The bytes and headers the browser gets for `response` (a test client's)."""
    if is_signed_redirect(response):
        got = urllib3.request("GET", response["Location"], redirect=False, timeout=30)
        return Download(got.status, got.headers, got.data, response.headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Download(response.status_code, response.headers, body, response.headers)
