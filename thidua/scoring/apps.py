from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    verbose_name = _("Year-end scoring")

    def ready(self) -> None:
        from thidua.scoring import permissions  # noqa: F401  (registers the rules)
