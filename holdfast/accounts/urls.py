from django.urls import path

from holdfast.accounts import views

urlpatterns = [
    path("welcome/", views.invite_redeem, name="invite_redeem"),
    path("reset/", views.reset_redeem, name="reset_redeem"),
    path("me/", views.participant_home, name="participant_home"),
    path("me/details/", views.profile_edit, name="profile_edit"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
    path("trainer/", views.trainer_home, name="trainer_home"),
    path("protection/", views.protection_home, name="protection_home"),
    path("people/", views.people_list, name="people_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/reset-code/", views.person_reset_code, name="person_reset_code"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("audit/", views.audit_list, name="audit_list"),
]
