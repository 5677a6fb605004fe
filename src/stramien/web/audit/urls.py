"""The Logboek, in the ``programmes`` namespace (see ``stramien.web.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/logboek/", views.audit_page, name="audit"),
    path("<slug:slug>/logboek.csv", views.audit_csv, name="audit_csv"),
]
