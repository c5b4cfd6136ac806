from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonsConfig(AppConfig):
    name = "basishulp.comparisons"
    verbose_name = _("Reconciliation and benchmark")
    default_auto_field = "django.db.models.BigAutoField"
