"""A person's data across the layers: what the site holds about them (to download),
their erasure, and the purge of what is no longer needed (docs/deploy.md, "Retention").

accounts is the lowest layer and imports no app above it, yet a person's data are kept
by all of them (authorities and entries, the jury, the Alliance, the editions). So each
app registers, in its AppConfig.ready, a `Holder` (what it exports about a person, what
of it the prize must keep, what it erases) and its `Purge`s, in a module of its own
named personal_data.py. This module calls them in INSTALLED_APPS order; an app added
later that keeps personal data adds one register call, and no import points upwards."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from web.links import absolute

from .mail import mail_send
from .models import LoginFailure
from .selectors import login_key

User = get_user_model()

# The address an anonymised account takes: unique, and one that can never receive mail.
ERASED_DOMAIN = "erased.invalid"


def _nothing(user) -> list[str]:
    return []


def _no_op(user) -> None:
    return None


@dataclass(frozen=True)
class Holder:
    """What one app holds about a person.

    export(user): the data as JSON-able values (links absolute, on SITE_URL).
    keeps(user): why the prize must keep this person's part of its record (sentences);
        any reason makes erasure an anonymisation instead of a deletion.
    erase(user): delete what need not be kept, inside the erasure's transaction."""

    name: str
    export: Callable
    keeps: Callable = _nothing
    erase: Callable = _no_op


@dataclass(frozen=True)
class Purge:
    """One retention rule: run(now=, dry_run=) deletes (or, dry, counts) the rows past
    their time and returns how many."""

    name: str
    run: Callable


_holders: dict[str, Holder] = {}
_purges: dict[str, Purge] = {}


def holder_register(holder: Holder) -> None:
    _holders[holder.name] = holder


def purge_register(purge: Purge) -> None:
    _purges[purge.name] = purge


def holders() -> list[Holder]:
    return list(_holders.values())


def purges() -> list[Purge]:
    return list(_purges.values())


# --- Download --------------------------------------------------------------------------


def personal_data(*, user) -> dict:
    """Everything the site holds about `user`, one section per holder."""
    data = {"generated_at": timezone.now(), "site": absolute("/").rstrip("/")}
    for holder in holders():
        data[holder.name] = holder.export(user)
    return data


def _account_export(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "password": _("Kept only as a one-way hash, which is not included."),
        "failed_logins": [
            {"at": at, "ip": ip}
            for at, ip in LoginFailure.objects.filter(email=login_key(user.email))
            .order_by("at")
            .values_list("at", "ip")
        ],
        "active_sessions": user_sessions_count(user=user),
    }


def user_sessions(*, user) -> list[Session]:
    """The unexpired sessions logged in as `user` (sessions are not indexed by person:
    each is read, which is cheap as only logged-in people have one)."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).iterator()
    return [s for s in alive if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def user_sessions_count(*, user) -> int:
    return len(user_sessions(user=user))


def _account_erase(user) -> None:
    """The person's failed logins and sessions go (a session would not work any more,
    but it holds who they were until it expires)."""
    LoginFailure.objects.filter(email=login_key(user.email)).delete()
    Session.objects.filter(pk__in=[s.pk for s in user_sessions(user=user)]).delete()


# --- Erasure ---------------------------------------------------------------------------

DELETED, ANONYMISED = "deleted", "anonymised"


def erasure_reasons(*, user) -> list[str]:
    """Why the prize must keep part of this person's record (empty: nothing to keep)."""
    return [reason for holder in holders() for reason in holder.keeps(user)]


def account_erase(*, user, password: str) -> str:
    """Erase the account of the person asking, confirmed with their password.

    Each app first erases what it need not keep: the person leaves their authorities,
    invitations to their address that were not accepted are deleted, a juror's e-mail
    address is removed, their failed logins and sessions are deleted. Then, if no app
    keeps a record the prize must keep (erasure_reasons: a submitted entry, a step in
    the history of a submitted entry, an edition or an Alliance request, a seat on a
    jury), the account is deleted; otherwise it is anonymised: e-mail
    `erased-<id>@erased.invalid`, no name, an unusable password, inactive, no group, no
    staff or superuser status, so that the kept record shows the anonymised account
    where it showed the person.

    Side effects: the rows above, in one transaction (every session of the account is
    deleted, the current one included); after commit, one e-mail to the address the
    person had and one to SECRETARIAT_EMAIL (the account's number and what was done, no
    personal data). Returns DELETED or ANONYMISED."""
    if not password or not user.check_password(password):
        raise ValidationError(
            {"password": _("This is not your password. Type the password you log in with.")}
        )
    before = {"email": user.email, "language": user.language, "id": user.pk}
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        reasons = erasure_reasons(user=user)
        for holder in holders():
            holder.erase(user)
        if reasons:
            _anonymise(user)
        else:
            user.delete()
        outcome = ANONYMISED if reasons else DELETED
        transaction.on_commit(lambda: _erasure_mails(outcome=outcome, **before))
    return outcome


def _anonymise(user) -> None:
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


_ERASED_SUBJECT = gettext_noop("Your account was erased")
_ERASED_NOTE_SUBJECT = gettext_noop("An account was erased (Dosta!-Congress Prize)")


def _erasure_mails(*, email: str, language: str, id: int, outcome: str) -> None:
    """The confirmation to the person and the note to the secretariat, queued for the
    task worker (a refusal by the mail server fails that task, logged as an error)."""
    context = {"outcome": outcome, "account_id": id}
    mails = {
        "the person": (email, language, _ERASED_SUBJECT, "emails/account_erased.txt"),
        "the secretariat": (
            settings.SECRETARIAT_EMAIL,
            settings.LANGUAGE_CODE,
            _ERASED_NOTE_SUBJECT,
            "emails/account_erased_secretariat.txt",
        ),
    }
    for to, lang, subject, template in mails.values():
        mail_send(to=to, language=lang, subject=subject, template=template, context=context)


# --- Purges ----------------------------------------------------------------------------


def _days(name: str) -> timedelta:
    return timedelta(days=settings.RETENTION_DAYS[name])


def sessions_purge(*, now: datetime, dry_run: bool = False) -> int:
    """Delete expired sessions, as Django's clearsessions does (the session engine's
    own clear_expired). Side effects: the expired session rows."""
    expired = Session.objects.filter(expire_date__lt=now).count()
    if not dry_run:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return expired


def unconfirmed_accounts_purge(*, now: datetime, dry_run: bool = False) -> int:
    """Delete accounts whose address was never confirmed, RETENTION_DAYS
    ["unconfirmed_accounts"] after they registered (the link expires after three days).
    Only accounts with a password of their own that never logged in and hold nothing
    the prize keeps: never an invited person who has not chosen a password yet.
    Side effects: those user rows."""
    stale = (
        User.objects.filter(
            is_active=False,
            last_login__isnull=True,
            date_joined__lt=now - _days("unconfirmed_accounts"),
        )
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)  # not registered by themselves
    )
    stale = [user for user in stale.iterator() if not erasure_reasons(user=user)]
    if not dry_run:
        User.objects.filter(pk__in=[user.pk for user in stale]).delete()
    return len(stale)


def login_failures_purge(*, now: datetime, dry_run: bool = False) -> int:
    """Delete the records of failed logins older than RETENTION_DAYS["login_failures"].
    Side effects: those LoginFailure rows."""
    old = LoginFailure.objects.filter(at__lt=now - _days("login_failures"))
    return old.count() if dry_run else old.delete()[0]


def purge(*, now: datetime | None = None, dry_run: bool = False) -> list[tuple[str, int]]:
    """Run every registered purge, in order; returns (name, rows) for each."""
    now = now or timezone.now()
    return [(rule.name, rule.run(now=now, dry_run=dry_run)) for rule in purges()]


def register() -> None:
    """accounts' own part (AccountsConfig.ready)."""
    holder_register(Holder(name="account", export=_account_export, erase=_account_erase))
    purge_register(Purge(name="expired sessions", run=sessions_purge))
    purge_register(Purge(name="never-confirmed accounts", run=unconfirmed_accounts_purge))
    purge_register(Purge(name="failed logins", run=login_failures_purge))
