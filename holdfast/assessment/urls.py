from django.urls import path

from holdfast.assessment import views

urlpatterns = [
    path("me/path/", views.my_path, name="my_path"),
    path("me/assessment/", views.assessment_overview, name="assessment_overview"),
    path("me/assessment/<slug:section_id>/", views.assessment_section, name="assessment_section"),
]
