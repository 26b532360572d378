"""The secretariat becomes a group: everyone flagged `is_secretariat` joins the
"Secretariat" group (and is staff, to look in the admin), then the flag goes, so that
membership is the one place that says who the secretariat is. The group's permissions
are set after migrate (accounts/permissions.py), once every app's permissions exist.
Superusers are left as they are: an operator's account cannot be told apart here from
one a demo made; `seed_demo` demotes its own."""

from django.db import migrations

SECRETARIAT_GROUP = "Secretariat"


def flag_to_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    db = schema_editor.connection.alias
    group, _created = Group.objects.using(db).get_or_create(name=SECRETARIAT_GROUP)
    flagged = User.objects.using(db).filter(is_secretariat=True)
    flagged.update(is_staff=True)
    group.user_set.add(*flagged)


def group_to_flag(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    db = schema_editor.connection.alias
    User.objects.using(db).filter(groups__name=SECRETARIAT_GROUP).update(is_secretariat=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_login_failure"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(flag_to_group, group_to_flag),
        migrations.RemoveField(model_name="user", name="is_secretariat"),
    ]
