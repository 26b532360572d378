import django.utils.timezone
from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("prize", "PublicPagesVersion").objects.create(
        pk=1,
        token="initial",  # nosec B106 # a page-cache version, not a password
    )


class Migration(migrations.Migration):
    dependencies = [("prize", "0004_certificate_run_heartbeat")]

    operations = [
        migrations.CreateModel(
            name="PublicPagesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "version of the public pages",
                "verbose_name_plural": "versions of the public pages",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
