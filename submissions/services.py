"""Every write about authorities and entries goes through here (extended by the
submissions issue)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from prize.countries import code_problem

from .models import Authority


def authority_create(*, name: str, kind: str, country: str, members=()) -> Authority:
    """Create an authority with its first members. Side effects: rows for both."""
    if code_problem(country):
        raise ValidationError({"country": code_problem(country)})
    authority = Authority(name=name, kind=kind, country=country)
    authority.full_clean()
    with transaction.atomic():
        authority.save()
        authority.members.add(*members)
    return authority


def authority_member_add(*, authority: Authority, user) -> Authority:
    """Make a person a member of an authority. Side effects: one membership row."""
    authority.members.add(user)
    return authority
