from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    verbose_name = _("Awards and achievements")

    def ready(self) -> None:
        from thidua.awards import sweeps  # noqa: F401  (registers the sweep job runner)

        post_migrate.connect(_sync_catalogue, sender=self, dispatch_uid="awards-catalogue")


def _sync_catalogue(sender, **kwargs) -> None:
    from thidua.awards.services import catalogue_sync

    catalogue_sync(using=kwargs.get("using", "default"))
