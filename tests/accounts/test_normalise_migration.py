"""accounts 0004: every stored address takes its one form (accounts.addresses), and two
accounts whose addresses would become the same stop the migration, which names them and
changes nothing."""

import pytest

from tests.migrations import migrate

BEFORE = [("accounts", "0003_secretariat_group")]
AFTER = [("accounts", "0004_normalised_emails_attempts")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_stored_addresses_and_failed_logins_take_their_one_form():
    old = migrate(BEFORE)
    old.get_model("accounts", "User").objects.create(email="Maria@Example.ORG")
    old.get_model("accounts", "User").objects.create(email="out\u017fider@\u212aent.example")
    old.get_model("accounts", "LoginFailure").objects.create(email="OUTSIDER@kent.example")

    new = migrate(AFTER)
    users = new.get_model("accounts", "User").objects.order_by("email")
    assert list(users.values_list("email", flat=True)) == [
        "maria@example.org",
        "outsider@kent.example",
    ]
    failures = new.get_model("accounts", "LoginFailure").objects.values_list("email", flat=True)
    assert list(failures) == ["outsider@kent.example"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_two_accounts_that_would_become_one_stop_the_migration_and_change_nothing():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    first = User.objects.create(email="Maria@example.org")
    second = User.objects.create(email="maria@example.org")
    User.objects.create(email="Other@Example.org")

    with pytest.raises(RuntimeError) as refused:
        migrate(AFTER)

    assert str(refused.value) == (
        "These accounts have addresses that are the same once normalised, and one address "
        f"can have only one account: 'Maria@example.org' (id {first.pk}) and "
        f"'maria@example.org' (id {second.pk}). Nothing was changed. Keep one account of each "
        "group (change the others' addresses or delete them, in the admin or the shell), "
        "then run migrate again."
    )
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "Maria@example.org",
        "Other@Example.org",
        "maria@example.org",
    ]
    User.objects.filter(pk=first.pk).delete()  # the operator keeps one
    new = migrate(AFTER)
    assert sorted(new.get_model("accounts", "User").objects.values_list("email", flat=True)) == [
        "maria@example.org",
        "other@example.org",
    ]
