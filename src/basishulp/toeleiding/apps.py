from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ToeleidingConfig(AppConfig):
    name = "basishulp.toeleiding"
    verbose_name = _("Toeleiding naar zorg")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from basishulp.accounts.models import Profile

        from .access import ensure_register_group, sync_register_access

        post_migrate.connect(ensure_register_group, sender=self, dispatch_uid="toeleiding-register-group")
        post_save.connect(sync_register_access, sender=Profile, dispatch_uid="toeleiding-register-access")
