from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IjwConfig(AppConfig):
    name = "basishulp.ijw"
    verbose_name = _("iJw messages")
    default_auto_field = "django.db.models.BigAutoField"
