from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class BootstrapFieldsMixin:
    """Give every widget Bootstrap's look, so templates can render fields with one include."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else ""
            field.widget.attrs.setdefault("class", css or "form-control form-control-lg")


class LoginForm(BootstrapFieldsMixin, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(BootstrapFieldsMixin, auth_forms.PasswordChangeForm):
    pass


class TokenForm(BootstrapFieldsMixin, forms.Form):
    """The 6-digit code from the authenticator app, checked against one TOTP device."""

    token = forms.CharField(
        label=_("Six-digit code"),
        min_length=6,
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Enter the six digits shown in the app."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            # django-otp slows down guessing after each wrong code; say so instead of "wrong".
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a few seconds, then try the current code."),
                code="throttled",
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not correct or has expired. Enter the code shown in the app now."),
                code="invalid",
            )
        return token
