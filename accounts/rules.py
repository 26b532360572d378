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


# Two-factor login ---------------------------------------------------------------------
# Recovery codes: ten, eight characters from an alphabet without look-alikes (no 0/o,
# 1/l/i), shown as two groups of four; typed in any case, with or without the hyphen.
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 8


def second_factor_required(user) -> bool:
    """Whether this person must log in with a second factor, whatever the apps above say
    (settings.SECOND_FACTOR_REQUIRED_BY adds theirs): the secretariat, and anyone the
    admin may open to (staff, superusers)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return bool(user.is_staff or user.is_superuser or is_secretariat(user))


def second_factor_step(*, verified: bool, has_device: bool, required: bool) -> str | None:
    """What a logged-in session must do before anything else: "verify" (type a code of
    the device it has: having one means being asked for it), "enrol" (set one up:
    required and none yet), or None (nothing)."""
    if verified:
        return None
    if has_device:
        return "verify"
    return "enrol" if required else None


def recovery_code_normal(text: str) -> str:
    """A recovery code as stored: lower case, without the spaces and hyphens people type."""
    return "".join(ch for ch in text.lower() if ch not in " -\t")


def recovery_code_shown(code: str) -> str:
    """A stored recovery code as shown: abcd-efgh."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def totp_code_normal(text: str) -> str:
    """A 6-digit code as typed ("123 456" from an app that spaces it): digits only."""
    return "".join(ch for ch in text if not ch.isspace())


def key_shown(base32_key: str) -> str:
    """A TOTP key for typing into an app by hand: groups of four characters."""
    return " ".join(base32_key[i : i + 4] for i in range(0, len(base32_key), 4))
