from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "holdfast.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from holdfast.accounts import signals  # noqa: F401 - connects receivers
