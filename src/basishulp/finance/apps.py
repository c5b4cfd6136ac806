from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "basishulp.finance"
    verbose_name = _("Finance")
    default_auto_field = "django.db.models.BigAutoField"
