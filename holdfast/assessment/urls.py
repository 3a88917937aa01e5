from django.urls import path

from holdfast.assessment import views

urlpatterns = [
    path("me/path/", views.my_path, name="my_path"),
    path("me/path/sharing/", views.sharing_update, name="sharing_update"),
    path("me/path/changes/", views.my_changes, name="my_changes"),
    path("me/progress/<slug:slug>/", views.progress_update, name="progress_update"),
    path("cohort/needs/", views.cohort_needs, name="cohort_needs"),
    path("cohort/answers/<int:pk>/", views.cohort_answers, name="cohort_answers"),
    path("me/assessment/", views.assessment_overview, name="assessment_overview"),
    path("me/assessment/<slug:section_id>/", views.assessment_section, name="assessment_section"),
]
