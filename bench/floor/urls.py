from django.urls import path

from . import views

urlpatterns = [path("", views.trivial), path("submit/", views.submit)]
