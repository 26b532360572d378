"""Every stored address in its one form (accounts.addresses.normalise_email: NFKC,
case folding, NFKC), so that lookups are exact matches on every database; and the table
of requests that send e-mail (rate limits).

Two accounts whose addresses become the same (say `Maria@…` and `maria@…`, which the
site's old case-insensitive lookup already treated as one person) cannot both be kept
under one address: the migration then changes nothing and stops, naming them. Keep one
account of each group (change the others' addresses, or delete them, in the admin or the
shell) and run `migrate` again. The failed logins on record are normalised too, so a lock
in force stays in force."""

import unicodedata

import django.utils.timezone
from django.db import migrations, models


def normalise(address):
    # A copy of accounts.addresses.normalise_email as it is today: a migration must
    # give the same result whatever the function becomes later.
    folded = unicodedata.normalize("NFKC", address or "").casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def normalise_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    LoginFailure = apps.get_model("accounts", "LoginFailure")
    db = schema_editor.connection.alias
    rows = list(User.objects.using(db).order_by("pk").values_list("pk", "email"))
    groups = {}
    for pk, email in rows:
        groups.setdefault(normalise(email), []).append((pk, email))
    clashes = [group for group in groups.values() if len(group) > 1]
    if clashes:
        listed = "; ".join(
            " and ".join(f"{email!r} (id {pk})" for pk, email in group) for group in clashes
        )
        raise RuntimeError(
            "These accounts have addresses that are the same once normalised, and one "
            f"address can have only one account: {listed}. Nothing was changed. Keep one "
            "account of each group (change the others' addresses or delete them, in the "
            "admin or the shell), then run migrate again."
        )
    for pk, email in rows:
        if normalise(email) != email:
            User.objects.using(db).filter(pk=pk).update(email=normalise(email))
    for pk, email in LoginFailure.objects.using(db).values_list("pk", "email"):
        if normalise(email)[:254] != email:
            LoginFailure.objects.using(db).filter(pk=pk).update(email=normalise(email)[:254])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_secretariat_group'),
    ]

    operations = [
        migrations.CreateModel(
            name='Attempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(max_length=32, verbose_name='action')),
                ('email', models.CharField(max_length=254, verbose_name='e-mail address')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when')),
            ],
            options={
                'verbose_name': 'request that sends e-mail',
                'verbose_name_plural': 'requests that send e-mail',
                'indexes': [models.Index(fields=['action', 'email', 'at'], name='attempt_email'), models.Index(fields=['action', 'ip', 'at'], name='attempt_ip')],
            },
        ),
        # Undoing it keeps the normalised addresses: they work with the old code too.
        migrations.RunPython(normalise_addresses, migrations.RunPython.noop),
    ]
