from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "holdfast.assessment"
    label = "assessment"
    verbose_name = "Assessment"
