"""Two-factor login in tests: the one helper that logs a person in fully.

The site asks the secretariat, the admin's users and jurors at work for a second factor
after the password (accounts/middleware.py). Tests that are about something else log in
with the `client` fixture (tests/conftest.py), a LoggedInClient: its force_login skips
the password as Django's does, and passes the second factor as a person does with their
authenticator app (the person gets a confirmed app, and the session is marked verified
as django_otp.login marks it). A session that has passed the password only, to attack
the rule: `django.test.Client().force_login(user)`, or `client.login(...)`."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_device(user) -> TOTPDevice:
    """The person's confirmed authenticator app, made with a random key if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
    return device


def app_code(device: TOTPDevice) -> str:
    """The 6 digits the app shows now. The device forgets the time step of its last code,
    so that one person can log in twice within 30 seconds (the app would show the next
    code by then)."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def verify_session(client: Client, user) -> None:
    """Mark the client's logged-in session as having passed the second factor."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()


class LoggedInClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        verify_session(self, user)
