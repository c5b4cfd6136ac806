from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToeleidingConfig(AppConfig):
    name = "basishulp.toeleiding"
    verbose_name = _("Toeleiding naar zorg")
    default_auto_field = "django.db.models.BigAutoField"
