"""Pure predicates about people: no queries, no I/O."""


def is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_secretariat)


def can_invite(user) -> bool:
    return is_secretariat(user)
