"""What the Secretariat group may do in the admin: look at everything it shows, and
change only what may still be repaired there. The records of the process (decisions,
results, scores, conflicts, assignments, logs, certificates, submitted entries) are
read-only in the admin for everyone; their model admins refuse changes whatever the
permissions say, and the group is given none on them.

Models are named by "app_label.model" so that this bottom app imports none above it.
The group's permissions are set after every `migrate` (and after a test database is
flushed), so a model added to these lists gets its permission on the next migrate.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

from .models import SECRETARIAT_GROUP

VIEW = (
    "accounts.user",
    "auth.group",
    "prize.edition",
    "prize.criterion",
    "prize.editiontransition",
    "results.certificate",
    "submissions.authority",
    "submissions.authorityinvitation",
    "submissions.entry",
    "submissions.entrytransition",
    "submissions.photo",
    "submissions.attachment",
    "jury.juror",
    "jury.conflict",
    "jury.assignment",
    "jury.assignmenttransition",
    "jury.score",
    "jury.scorechange",
    "jury.decision",
    "jury.result",
    "jury.shortlist",
    "alliance.participation",
    "alliance.participationtransition",
    "alliance.profile",
    "outreach.notice",  # which announcements and reminders went to which authority
    "outreach.optout",
    "results.newsitem",
    "django_tasks_database.dbtaskresult",  # whether the mails and the PDFs went out
    # Who has two-factor login (the admin never shows the keys nor the codes).
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
)
# Repairs: people (not superusers: UserAdmin), authorities, a draft entry and its
# photos (EntryAdmin), jurors and criteria before the jury scores (JurorAdmin,
# CriterionInline), the Alliance's records; and the edition, whose page in the admin
# has the transition buttons (they call edition_transition) and no editable setting.
CHANGE = (
    "accounts.user",
    "prize.edition",
    "prize.criterion",
    "submissions.authority",
    "submissions.entry",
    "submissions.photo",
    "jury.juror",
    "alliance.participation",
    "alliance.profile",
    # News: its words and date (the photo only through the news pages, results/admin.py).
    "results.newsitem",
)
ADD = ("prize.criterion",)
# Deleting someone's two-factor devices is how the secretariat resets a lost phone: that
# person sets a new one up at their next login (docs/deploy.md, "Two-factor login").
DELETE = ("prize.criterion", "otp_totp.totpdevice", "otp_static.staticdevice")


def codenames() -> list[tuple[str, str]]:
    """(app_label, codename) of every permission the Secretariat group has."""
    wanted = []
    for action, models in (("view", VIEW), ("change", CHANGE), ("add", ADD), ("delete", DELETE)):
        for label in models:
            app_label, model = label.split(".")
            wanted.append((app_label, f"{action}_{model}"))
    return wanted


def secretariat_group_sync(*, apps=global_apps, using: str = "default") -> None:
    """Create the Secretariat group if needed and give it exactly its permissions.
    Side effects: the permission rows of every app (as `migrate` makes them), the group
    and its permissions."""
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    query = Q(pk__in=[])
    for app_label, codename in codenames():
        query |= Q(content_type__app_label=app_label, codename=codename)
    group, _created = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.set(Permission.objects.using(using).filter(query))


def after_migrate(sender, *, apps=global_apps, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (accounts/apps.py), sent once per app with models: acts on
    the last one. Earlier, making every app's permissions would get ahead of Django
    renaming those of a renamed model (jury's AssignmentLog), and `migrate` would stop
    on the conflict."""
    with_models = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    if sender is not with_models[-1]:
        return
    secretariat_group_sync(apps=apps, using=using)
