"""Adoption pages, in the ``programmes`` namespace (see ``stramien.web.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/vaststelling/", views.adoption, name="adoption"),
    path("<slug:slug>/vaststelling/voorleggen/", views.propose, name="propose"),
    path("<slug:slug>/vaststelling/besluit/", views.decide, name="decide"),
]
