"""People: everyone logs in with an e-mail address.

The user model lives in its own app, below prize/submissions/jury, because every layer
records who did what and models point down only.
"""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, Group, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .addresses import normalise_email

# The secretariat is this group of staff members: its permissions (accounts/
# permissions.py) open the admin for looking and for the repairs still allowed there,
# and membership is what `is_secretariat` means everywhere.
SECRETARIAT_GROUP = "Secretariat"


def secretariat_group(using: str | None = None) -> Group:
    group, _created = Group.objects.db_manager(using).get_or_create(name=SECRETARIAT_GROUP)
    return group


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """Django's own callers (createsuperuser, the admin's forms) get the site's form."""
        return normalise_email(email)

    def _create(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        """The operator's account (`createsuperuser`): it is in the Secretariat group
        too, so that on a new site it can invite the secretariat's people."""
        fields.update(is_staff=True, is_superuser=True)
        user = self._create(email, password, **fields)
        user.groups.add(secretariat_group(using=self._db))
        return user

    def get_by_natural_key(self, username):
        """An exact match on the normalised address, the same on every database."""
        return self.get(email=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("en", _("English")), ("fr", _("French"))],
        default="en",
    )
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs) -> None:
        """Whoever writes the row (a service, the admin, a factory), the address is
        stored in its one form (accounts.addresses.normalise_email)."""
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_secretariat(self) -> bool:
        """Whether this person is in the Secretariat group (runs editions: calls,
        screening, jury, publication). Read once per instance, so once per request;
        accounts.services.user_secretariat_set changes it."""
        if "_in_secretariat" not in self.__dict__:
            self._in_secretariat = (
                self.pk is not None and self.groups.filter(name=SECRETARIAT_GROUP).exists()
            )
        return self._in_secretariat

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class LoginFailure(models.Model):
    """One failed password login: the address typed and the client's IP address. Kept
    in the database for the throttling window, so that every server sees every failure
    (accounts/backends.py)."""

    email = models.CharField(_("e-mail address typed"), max_length=254, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.email} from {self.ip or '?'} at {self.at:%Y-%m-%d %H:%M:%S}"


class Attempt(models.Model):
    """One request that sends an e-mail to an address (a registration, a password reset,
    an invitation): the address (normalised) and the client's IP address. Counted within
    a window per action (settings.REQUEST_THROTTLE) so that nobody can make the site mail
    one address, or mail from one IP address, without limit; in the database, so every
    server counts the same rows."""

    action = models.CharField(_("action"), max_length=32)
    email = models.CharField(_("e-mail address"), max_length=254)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("request that sends e-mail")
        verbose_name_plural = _("requests that send e-mail")
        indexes = [
            models.Index(fields=["action", "email", "at"], name="attempt_email"),
            models.Index(fields=["action", "ip", "at"], name="attempt_ip"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.email} from {self.ip or '?'} at {self.at:%Y-%m-%d %H:%M:%S}"
