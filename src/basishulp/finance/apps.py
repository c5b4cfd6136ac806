from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "basishulp.finance"
    verbose_name = _("Finance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from basishulp.accounts.models import Profile

        from .access import ensure_finance_group, sync_finance_access

        post_migrate.connect(ensure_finance_group, sender=self, dispatch_uid="finance-group")
        post_save.connect(sync_finance_access, sender=Profile, dispatch_uid="finance-access")
