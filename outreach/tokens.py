"""The signed token of an opt-out link: it names the person, so the page works without
logging in, and it does not expire (an old e-mail's link must still work). It only lets
whoever holds it stop or restart that person's announcements and reminders."""

from django.core import signing

SALT = "outreach.opt-out"


def opt_out_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT)


def opt_out_user_id(token: str) -> int | None:
    """The person a token was made for, or None when it is not one of ours."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None
