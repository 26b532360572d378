"""Pure predicates about people: no queries, no I/O."""

from datetime import datetime, timedelta


def is_secretariat(user) -> bool:
    """An active member of the Secretariat group (User.is_secretariat): the one place
    that says who runs the editions. Being a superuser does not make anyone one."""
    return bool(user and user.is_authenticated and user.is_active and user.is_secretariat)


def can_invite(user) -> bool:
    return is_secretariat(user)


def awaits_confirmation(user) -> bool:
    """An account opened by registering whose address is not confirmed yet: inactive,
    never logged in, with a password. (An account the secretariat deactivated has logged
    in, or is an invitation without a password: no confirmation link opens it.)"""
    return not user.is_active and user.last_login is None and user.has_usable_password()


def lock_end(failures: list[datetime], *, limit: int, window: timedelta, now: datetime):
    """When logging in is allowed again after these failures (any order), or None when
    it is allowed now: `limit` failures within `window` lock until the oldest of the
    last `limit` leaves the window."""
    recent = sorted((at for at in failures if at > now - window), reverse=True)
    if len(recent) < limit:
        return None
    return recent[limit - 1] + window


def client_ip(meta: dict, *, trusted_proxies: int) -> str | None:
    """The client's IP address. Behind `trusted_proxies` reverse proxies that each append
    the address they saw to X-Forwarded-For, it is the entry the outermost of ours
    appended; anything to its left was sent by the client and cannot be trusted."""
    if trusted_proxies <= 0:
        return meta.get("REMOTE_ADDR") or None
    hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < trusted_proxies:
        return meta.get("REMOTE_ADDR") or None
    return hops[-trusted_proxies]
