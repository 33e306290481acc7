"""Helpers shared by the test suites of every app."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core.two_factor import needs_two_factor

# The smallest PDF that upload checks accept (the content sniffer reads the signature).
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def sign_in(client, user) -> None:
    """Sign in for tests that are not about sign-in; roles that need the second factor get a
    confirmed device and a session marked as verified, as django-otp would after a valid code."""
    client.force_login(user)
    if needs_two_factor(user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
