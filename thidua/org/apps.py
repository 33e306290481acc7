from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thidua.org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from thidua.org import permissions  # noqa: F401  (registers the rules)

        # Any write to an org record (services, admin, history rows) makes cached pages stale.
        for model in self.get_models():
            post_save.connect(_org_changed, sender=model, dispatch_uid=f"org-stale-{model}")
            post_delete.connect(_org_changed, sender=model, dispatch_uid=f"org-stale-d-{model}")


def _org_changed(sender, **kwargs) -> None:
    from thidua.core.fragments import data_changed

    data_changed("org")
