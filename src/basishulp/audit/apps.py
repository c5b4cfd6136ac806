from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "basishulp.audit"
    verbose_name = _("Access log")
    default_auto_field = "django.db.models.BigAutoField"
