"""Search, in the ``programmes`` namespace, and the help pages, in ``help`` (see
``stramien.web.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/zoeken/", views.search, name="search"),
]

help_urlpatterns = [
    path("", views.help_index, name="index"),
    path("<str:key>/", views.help_section, name="section"),
]
