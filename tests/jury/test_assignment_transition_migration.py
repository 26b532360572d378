"""jury 0006: the old AssignmentLog rows become steps of AssignmentTransition, with the
states each went from and to, and the reason of a reopening as its note."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from jury.models import AssignmentTransition
from tests.factories import EntryFactory, JurorFactory, UserFactory
from tests.migrations import migrate

BEFORE = [("jury", "0005_score_value_empty_with_a_comment")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_the_log_of_submits_and_reopenings_is_kept_as_transitions():
    old = migrate(BEFORE)
    juror = JurorFactory()  # the tables of the other models are as they were
    entry = EntryFactory(edition=juror.edition)
    # The sheet as that schema has it (later migrations add columns, jury 0007 the round).
    assignment = old.get_model("jury", "Assignment").objects.create(
        juror_id=juror.pk, entry_id=entry.pk
    )
    chair = UserFactory()
    Log = old.get_model("jury", "AssignmentLog")
    Log.objects.create(assignment_id=assignment.pk, action="submit", by_id=None)
    Log.objects.create(
        assignment_id=assignment.pk, action="reopen", by_id=chair.pk, reason="A typo."
    )
    migrate([("jury", "0006_assignment_transition")])
    steps = AssignmentTransition.objects.order_by("pk").values_list(
        "assignment", "action", "source", "target", "by", "note"
    )
    assert list(steps) == [
        (assignment.pk, "submit", "draft", "submitted", None, ""),
        (assignment.pk, "reopen", "submitted", "draft", chair.pk, "A typo."),
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_restored")
def test_migrate_takes_a_database_of_the_previous_code_forward_with_its_permissions():
    """`migrate` as the operator runs it (with its post_migrate signals): the renamed
    model's permissions are renamed, not made twice, and the secretariat keeps its
    view of the sheets' steps."""
    call_command("migrate", "jury", "0005", verbosity=0)
    assert Permission.objects.filter(codename="view_assignmentlog").exists()
    call_command("migrate", verbosity=0)
    group = Group.objects.get(name="Secretariat")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "view_assignmenttransition" in codenames
    assert not Permission.objects.filter(codename__endswith="_assignmentlog").exists()
