"""Publishing: downloads and the public switch in the ``programmes`` namespace, the public
pages under ``openbaar/`` in the ``public`` namespace (see ``stramien.web.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/versie/<int:number>/download/<str:fmt>/", views.download, name="download"),
    path("<slug:slug>/openbaar/", views.set_public, name="set_public"),
]

public_urlpatterns = [
    path("<slug:slug>/", views.factsheet, name="factsheet"),
    path("<slug:slug>/beeld", views.public_image, name="image"),
    path("<slug:slug>/mijlpalen.ics", views.ical, name="ical"),
]
