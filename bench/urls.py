from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    """The floor: a view that does nothing, behind the same middleware."""
    return HttpResponse("ok", content_type="text/plain")


bare.holdfast_access = "public"  # type: ignore[attr-defined]

urlpatterns = [path("bench/bare/", bare), path("", include("holdfast.urls"))]
