from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "holdfast.curriculum"
    label = "curriculum"
    verbose_name = "Curriculum"
