"""The link that confirms a registration: signed, valid for three days, and bound to the
account's state (its password hash, last login and address), as Django's password reset
tokens are. Whatever changes one of them (a new password, a login, another address)
makes older links useless."""

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

CONFIRM_SALT = "accounts.registration"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # three days


def _state(user) -> str:
    # Microseconds and time zone are dropped as Django's reset tokens drop them: some
    # databases do not keep them, and the value must read back the same.
    login = user.last_login.replace(microsecond=0, tzinfo=None) if user.last_login else ""
    value = f"{user.pk}|{user.password}|{login}|{user.email}"
    return salted_hmac(CONFIRM_SALT, value, algorithm="sha256").hexdigest()[:32]


def confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=CONFIRM_SALT)


def confirmation_read(token: str) -> dict:
    """The signed content of a link. Raises signing.SignatureExpired (older than three
    days) or signing.BadSignature (not one of ours)."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if not isinstance(data, dict):
        raise signing.BadSignature("not a confirmation")
    return data


def confirmation_matches(user, data: dict) -> bool:
    """Whether the link was made for this account as it is now."""
    return constant_time_compare(str(data.get("s", "")), _state(user))


def invitation_path(*, user) -> str:
    """The path of the one-time link that lets an invited person choose a password: a
    password reset token (Django's, bound to the password hash and the last login)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(user.language):
        return reverse("accounts:invitation", kwargs={"uidb64": uid, "token": token})
