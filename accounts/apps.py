from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import personal_data  # models are loaded only now
        from .permissions import after_migrate

        personal_data.register()
        # Sent once per app: the receiver acts on the last one, after every app's own
        # permissions were made and renamed (auth's receivers run for each app).
        post_migrate.connect(after_migrate, dispatch_uid="accounts.secretariat")
