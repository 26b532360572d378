"""A lost phone: remove a person's two-factor devices (authenticator app and recovery
codes). At their next login they set up a new app, if their role requires one (or may,
from their account page). The secretariat can do the same in the admin (Two-factor:
delete the person's TOTP device and static device)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import second_factor_reset


class Command(BaseCommand):
    help = "Remove a person's two-factor devices, so they set up a new one at their next login."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the person's e-mail address")

    def handle(self, *args, email: str, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the address {email}.")
        removed = second_factor_reset(user=user)
        if removed:
            self.stdout.write(
                f"Removed {removed} two-factor device(s) of {user.email}: they set up a new "
                "authenticator app at their next login."
            )
        else:
            self.stdout.write(f"{user.email} had no two-factor device.")
