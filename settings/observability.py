"""What operators see of the running site: the request id that ties a person's error page
to the log lines and the tracker's event, the logging configuration (plain text or one
JSON object per line), the administrators' addresses and the error tracker (Sentry).

Imported by the settings, so it imports nothing of the project's apps."""

import contextvars
import logging
import re
import time
import traceback
import uuid
from email.utils import formataddr, getaddresses

import sentry_sdk
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from pythonjsonlogger.core import RESERVED_ATTRS
from sentry_sdk.integrations.django import DjangoIntegration

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's id may look like (nginx's $request_id is 32 hex digits; a UUID fits
# too): anything else is replaced, so a client cannot write into the logs through it.
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,127}")
NO_REQUEST = "-"

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NO_REQUEST)
access_log = logging.getLogger("dosta.requests")


def incoming_request_id(request) -> str:
    """The proxy's id when a proxy of ours is in front (TRUSTED_PROXIES) and it is well
    formed, else a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    if settings.TRUSTED_PROXIES and _WELL_FORMED.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE: every log record during the request carries its id (through
    the context variable and RequestIdFilter), the response and the tracker's event too,
    and one access line per request is logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = incoming_request_id(request)
        token = request_id.set(rid)
        request.request_id = rid
        sentry_sdk.get_isolation_scope().set_tag("request_id", rid)  # no-op without a DSN
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = rid
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or "-" outside a request) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def logging_config(*, log_format: str, access_log: bool, mail_admins: bool) -> dict:
    """LOGGING for dictConfig. `json`: one JSON object per record and line (time, level,
    logger, message, request id, the record's extra fields, the traceback); `text`: one
    readable line. `access_log`: one line per request. `mail_admins`: errors of requests
    and of tasks also go by e-mail to ADMINS (with no request details: see below)."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(
            f"The log format {log_format!r} is unknown: use one of {', '.join(LOG_FORMATS)}."
        )
    error_handlers = ["console", "mail_admins"] if mail_admins else ["console"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "settings.observability.RequestIdFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": ["asctime", "levelname", "name", "message", "request_id"],
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                # The request object itself is left out: its repr says nothing the path
                # does not, and its cookies are nobody's business in a log.
                "reserved_attrs": [*RESERVED_ATTRS, "request"],
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            },
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["request_id"],
                # The mail says what failed and where, not the request's data.
                "include_html": False,
                "reporter_class": "settings.observability.BriefReporter",
            },
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # Replaces Django's default for its own loggers, whose mail to ADMINS would
            # carry the full report (POST data, cookies): to the console (runserver's
            # "Watching for file changes" included), errors also by this brief mail.
            "django": {"handlers": error_handlers, "level": "INFO", "propagate": False},
            # Django logs a 500 here, and a failed task (django.tasks.signals) at ERROR
            # with its id and path.
            "django.request": {"handlers": error_handlers, "level": "ERROR", "propagate": False},
            "django.tasks": {"handlers": error_handlers, "propagate": False},
            "dosta.requests": {
                "handlers": ["console"],
                "level": "INFO" if access_log else "WARNING",
                "propagate": False,
            },
        },
    }


LOG_FORMATS = ("json", "text")


class BriefReporter:
    """The e-mail to ADMINS: the traceback only, without the request's settings, cookies
    and POST data that Django's full report lists (people's answers are in there)."""

    def __init__(self, request, exc_type, exc_value, tb, *args, **kwargs):
        self.request, self.exc = request, (exc_type, exc_value, tb)

    def get_traceback_text(self) -> str:
        rid = getattr(self.request, "request_id", request_id.get())
        lines = traceback.format_exception(*self.exc) if self.exc[0] else []
        return f"Request id: {rid}\n\n" + "".join(lines)

    def get_traceback_html(self) -> str:  # include_html is off; kept for the interface
        return ""


def parse_admins(name: str, value: str) -> list[str]:
    """`Name <a@example.org>, b@example.org` as Django's ADMINS (a list of addresses);
    a malformed address stops the start with a sentence naming the variable."""
    if not value.strip():
        return []
    admins = []
    for display, address in getaddresses([value]):
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(
                f"The environment variable {name} holds {address or value!r}, which is not "
                "an e-mail address: write addresses separated by commas, each either "
                "a@example.org or Name <a@example.org>."
            ) from None
        admins.append(formataddr((display, address)))
    return admins


def init_sentry(*, dsn: str, environment: str, release: str | None) -> None:
    """Errors (500s, ERROR log records such as a failed task) to Sentry, with no personal
    data (no cookies, user, IP address or request body), and no performance tracing."""
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        environment=environment,
        release=release,
        traces_sample_rate=0,
    )
