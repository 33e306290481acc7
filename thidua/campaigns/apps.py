from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    verbose_name = _("Movements and campaigns")

    def ready(self) -> None:
        from thidua.campaigns import permissions  # noqa: F401  (registers the rules)
