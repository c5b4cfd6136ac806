from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "basishulp.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import lockout, sessions  # noqa: F401 - their signal receivers
