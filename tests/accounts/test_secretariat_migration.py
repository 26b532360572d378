"""accounts 0003: the people flagged `is_secretariat` become staff in the Secretariat
group, and the flag comes back from the group when the migration is undone."""

import pytest

from tests.migrations import migrate

BEFORE = [("accounts", "0002_login_failure")]
AFTER = [("accounts", "0003_secretariat_group")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_the_flag_becomes_the_group_and_back():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    User.objects.create(email="sec@example.org", is_secretariat=True, is_staff=False)
    User.objects.create(email="member@example.org", is_secretariat=False)

    new = migrate(AFTER)
    User = new.get_model("accounts", "User")
    rows = User.objects.order_by("email").values_list("email", "is_staff", "is_superuser")
    assert list(rows) == [("member@example.org", False, False), ("sec@example.org", True, False)]
    members = User.objects.filter(groups__name="Secretariat").values_list("email", flat=True)
    assert list(members) == ["sec@example.org"]

    old = migrate(BEFORE)
    flags = old.get_model("accounts", "User").objects.order_by("email")
    assert list(flags.values_list("email", "is_secretariat")) == [
        ("member@example.org", False),
        ("sec@example.org", True),
    ]
    migrate(AFTER)
