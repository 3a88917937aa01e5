from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "holdfast.programmes"
    label = "programmes"
    verbose_name = "Programmes"
