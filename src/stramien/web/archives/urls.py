"""Archive pages, in the ``programmes`` namespace (see ``stramien.web.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/archief/", views.export, name="export"),
    path("<slug:slug>/integriteit/", views.verify, name="verify"),
]
