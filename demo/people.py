"""The demo's people and authorities, made through the services and brought back in line
by every run (a demo account is never a superuser; the secretariat's are staff in the
Secretariat group; the second factor is the demo's published key). A run that finds
everything as it should be writes nothing."""

from base64 import b32decode

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.rules import recovery_code_normal
from accounts.services import (
    second_factor_set,
    user_create,
    user_secretariat_set,
    user_superuser_revoke,
)
from submissions.models import Authority
from submissions.services import authority_create, authority_member_add, authority_verify

from . import data

# Two-factor login: the demo's secretariat, chair and jurors share this published key and
# these recovery codes, restored by a run that finds them changed.
# `manage.py demo_totp_code EMAIL` prints the current code.
DEMO_TOTP_KEY = "DOSTADEMOKEYFORTESTINGTWOFACTORS"  # published (README)
DEMO_RECOVERY_CODES = [f"demo{n:04d}" for n in range(1, 11)]


def people_ensure() -> dict:
    """Every demo person's account, by key, made if missing, else brought in line."""
    User = get_user_model()
    users = {}
    for person in data.PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = user_create(
                email=person.email,
                password=data.DEMO_PASSWORD,
                name=person.name,
                language=person.language,
                is_secretariat=person.secretariat,
            )
        else:
            if user.is_superuser:
                user_superuser_revoke(user=user)
            if person.secretariat and not user.is_secretariat:
                user_secretariat_set(user=user, member=True)
        users[person.key] = user
    return users


def second_factor_ensure(users: dict) -> list[TOTPDevice]:
    """The demo's authenticator app and recovery codes for everyone who needs them,
    written again only where they changed (a recovery code used, the app removed)."""
    key = b32decode(DEMO_TOTP_KEY).hex()
    codes = {recovery_code_normal(c) for c in DEMO_RECOVERY_CODES}
    devices = []
    for person_key in data.SECOND_FACTOR:
        user = users[person_key]
        apps = list(TOTPDevice.objects.filter(user=user))
        tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        if len(apps) == 1 and apps[0].key == key and apps[0].confirmed and tokens == codes:
            devices.append(apps[0])
            continue
        devices.append(second_factor_set(user=user, key=key, recovery_codes=DEMO_RECOVERY_CODES))
    return devices


def authorities_ensure(users: dict) -> dict:
    """Each demo authority, registered by its member and (but one) verified by the
    secretariat, by its key."""
    found = {}
    for spec in data.AUTHORITIES:
        member = users[spec.key]
        authority = Authority.objects.filter(
            name=spec.name, country=spec.country, kind=spec.kind
        ).first()
        if authority is None:
            authority = authority_create(
                by=member,
                name=spec.name,
                kind=spec.kind,
                country=spec.country,
                contact_name=member.name,
                contact_email=member.email,
                address="Demo address: an invented authority, for the demonstration only.",
            )
        elif not authority.members.filter(pk=member.pk).exists():
            authority_member_add(authority=authority, user=member)
        if spec.verified and not authority.is_verified:
            authority = authority_verify(authority_id=authority.pk, by=users["secretariat"])
        found[spec.key] = authority
    return found


def demo_authorities():
    """The demo's authorities as a queryset (for --reset and the Alliance)."""
    query = Authority.objects.none()
    for spec in data.AUTHORITIES:
        query = query | Authority.objects.filter(
            name=spec.name, country=spec.country, kind=spec.kind
        )
    return query
