from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "holdfast.core"
    label = "core"
    verbose_name = "Holdfast core"
