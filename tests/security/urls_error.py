"""A URLconf with one view that fails, to test the 500 page and its headers."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("deliberate failure for the 500-page test")


urlpatterns = [path("boom/", boom), path("", include("holdfast.urls"))]
handler500 = "holdfast.core.views.error_500"
