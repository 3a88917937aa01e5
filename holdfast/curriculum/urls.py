from django.urls import path

from holdfast.core.access import login_required, public, role_required
from holdfast.curriculum import views

urlpatterns = [
    path("curriculum/", login_required(views.catalogue), name="catalogue"),
    path("curriculum/search/", login_required(views.search_page), name="curriculum_search"),
    path(
        "curriculum/health/",
        role_required("trainer", "coordinator")(views.health),
        name="curriculum_health",
    ),
    path(
        "curriculum/new/",
        role_required("trainer", "coordinator")(views.module_new),
        name="module_new",
    ),
    path("curriculum/<slug:slug>/", login_required(views.module_detail), name="module_detail"),
    path(
        "curriculum/<slug:slug>/edit/",
        role_required("trainer", "coordinator")(views.module_edit),
        name="module_edit",
    ),
    path(
        "curriculum/<slug:slug>/export.md",
        role_required("trainer", "coordinator")(views.module_export),
        name="module_export",
    ),
    path(
        "curriculum/<slug:slug>/sheet.pdf", login_required(views.module_sheet), name="module_sheet"
    ),
    path(
        "curriculum/<slug:slug>/trainer/",
        role_required("trainer", "coordinator")(views.module_trainer),
        name="module_trainer",
    ),
    # Public unless the organisation switches it off (HOLDFAST_PUBLIC_LIBRARY=0).
    path("library/", public(views.resource_list), name="resource_list"),
]
