from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "basishulp.registers"
    verbose_name = _("Governance registers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from basishulp.accounts.models import Profile

        from .access import ensure_registers_group, sync_registers_access

        # after every app (not only this one): the comparisons app's permissions come later
        post_migrate.connect(ensure_registers_group, dispatch_uid="registers-group")
        post_save.connect(sync_registers_access, sender=Profile, dispatch_uid="registers-access")
