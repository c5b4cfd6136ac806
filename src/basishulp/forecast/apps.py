from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastConfig(AppConfig):
    name = "basishulp.forecast"
    verbose_name = _("Forecast and scenarios")
    default_auto_field = "django.db.models.BigAutoField"
