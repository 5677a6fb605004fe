from django.urls import path

from . import public

app_name = "public"

urlpatterns = [
    path("<slug:slug>/", public.factsheet, name="factsheet"),
    path("<slug:slug>/beeld", public.public_image, name="image"),
    path("<slug:slug>/mijlpalen.ics", public.ical, name="ical"),
]
