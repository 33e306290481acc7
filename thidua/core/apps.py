from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "thidua.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from thidua.core.db import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
        # Each app registers its background job runners in its own jobs.py.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
