from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    verbose_name = _("Nominations and decisions")

    def ready(self) -> None:
        # Registers the rules, and the guard that keeps issued decisions as issued.
        from thidua.nominations import permissions, signals  # noqa: F401
