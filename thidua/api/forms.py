from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.api.models import ApiToken
from thidua.org.forms import PageForm


class ApiTokenForm(PageForm):
    model = ApiToken
    model_fields = ("name",)
    expires_on = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        help_text=_("The token stops working after this day. Leave it empty for no end date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _(
            "What will use it, e.g. the unit's statistics spreadsheet or the province's system."
        )
