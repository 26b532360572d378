"""A minimal web browser for the tests against real servers: cookies (not tied to a port,
as in browsers, so one session works on every server of the site), the CSRF token of the
last page, forms posted as a browser posts them, redirects not followed."""

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlencode

import urllib3

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Page:
    status: int
    headers: urllib3.HTTPHeaderDict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Browser:
    def __init__(self, timeout: float = 60):
        self.http = urllib3.PoolManager(retries=False, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def _remember(self, page: Page) -> Page:
        for header in page.headers.getlist("Set-Cookie"):
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        found = CSRF_FIELD.search(page.text) if page.status < 300 else None
        if found:
            self.csrf = unescape(found.group(1))
        return page

    def _headers(self, base: str) -> dict:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        headers["Referer"] = base + "/"
        return headers

    def get(self, base: str, path: str) -> Page:
        response = self.http.request(
            "GET", base + path, headers=self._headers(base), redirect=False
        )
        return self._remember(Page(response.status, response.headers, response.data))

    def post(self, base: str, path: str, fields: dict) -> Page:
        """Post a form with the CSRF token of the last page read."""
        headers = self._headers(base)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode({"csrfmiddlewaretoken": self.csrf, **fields})
        response = self.http.request(
            "POST", base + path, body=body, headers=headers, redirect=False
        )
        return self._remember(Page(response.status, response.headers, response.data))

    def download(self, base: str, path: str) -> Page:
        """A file as the browser ends up with it: the app's answer, or, when the app
        redirects to a signed URL of the bucket (S3), the bucket's answer there (sent
        without the site's cookies, as a browser does to another host)."""
        page = self.get(base, path)
        if page.status == 302 and not page.location.startswith(("/", base)):
            response = self.http.request("GET", page.location, redirect=False)
            return Page(response.status, response.headers, response.data)
        return page

    def log_in(self, base: str, email: str, password: str) -> Page:
        """Through the login form, as a person does."""
        self.get(base, "/en/accounts/login/")
        return self.post(base, "/en/accounts/login/", {"username": email, "password": password})

    def pass_second_factor(self, base: str, code: str) -> Page:
        """The page after the password: the code of the person's authenticator app."""
        self.get(base, "/en/accounts/two-factor/code/")
        return self.post(base, "/en/accounts/two-factor/code/", {"code": code})
