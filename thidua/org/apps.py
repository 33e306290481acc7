from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thidua.org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from thidua.org import permissions  # noqa: F401  (registers the rules)
