"""AssignmentLog becomes AssignmentTransition, a transition log like the others: the
rows are kept, `reason` becomes `note`, and each row gains the states it went from and
to (a submit goes from draft to submitted, a reopening back)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATES = {"submit": ("draft", "submitted"), "reopen": ("submitted", "draft")}


def fill_states(apps, schema_editor):
    Transition = apps.get_model("jury", "AssignmentTransition")
    for action, (source, target) in STATES.items():
        Transition.objects.filter(action=action).update(source=source, target=target)


def empty_states(apps, schema_editor):
    pass  # the columns go away on the way back


class Migration(migrations.Migration):
    dependencies = [
        ("jury", "0005_score_value_empty_with_a_comment"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("AssignmentLog", "AssignmentTransition"),
        migrations.RenameField("assignmenttransition", "reason", "note"),
        migrations.AddField(
            model_name="assignmenttransition",
            name="source",
            field=models.CharField(blank=True, max_length=32, verbose_name="from"),
        ),
        migrations.AddField(
            model_name="assignmenttransition",
            name="target",
            field=models.CharField(default="", max_length=32, verbose_name="to"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_states, empty_states),
        migrations.AlterField(
            model_name="assignmenttransition",
            name="action",
            field=models.CharField(max_length=64, verbose_name="action"),
        ),
        migrations.AlterField(
            model_name="assignmenttransition",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="assignmenttransition",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="at"),
        ),
        migrations.AlterField(
            model_name="assignmenttransition",
            name="by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AlterField(
            model_name="assignmenttransition",
            name="assignment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="transitions",
                to="jury.assignment",
            ),
        ),
        migrations.AlterModelOptions(
            name="assignmenttransition",
            options={
                "ordering": ["assignment", "at", "pk"],
                "verbose_name": "step of a score sheet",
                "verbose_name_plural": "steps of score sheets",
            },
        ),
    ]
