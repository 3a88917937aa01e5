from django.urls import path

from holdfast.assessment import views

urlpatterns = [path("me/path/", views.my_path, name="my_path")]
