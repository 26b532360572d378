"""The current two-factor code of a demo account (seed_demo), for testers without an
authenticator app. It answers only for an account whose app has the demo's published
key, so it can never tell a real person's code."""

from base64 import b32decode

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.people import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current 6-digit two-factor code of a demo account (see seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="a demo login, e.g. secretariat@congress.example")

    def handle(self, *args, email: str, **options):
        device = TOTPDevice.objects.filter(
            user__email__iexact=email.strip(), confirmed=True, key=b32decode(DEMO_TOTP_KEY).hex()
        ).first()
        if device is None:
            raise CommandError(
                f"{email} has no demo authenticator app: run seed_demo, and give one of the "
                "demo's logins (this command never prints a real person's code)."
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
