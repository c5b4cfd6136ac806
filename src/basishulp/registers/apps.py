from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "basishulp.registers"
    verbose_name = _("Governance registers")
    default_auto_field = "django.db.models.BigAutoField"
