from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    name = "thidua.ballots"
    verbose_name = _("Secret ballots")

    def ready(self) -> None:
        from thidua.ballots import permissions  # noqa: F401  (registers the rules)
