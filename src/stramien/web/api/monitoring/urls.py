"""The monitoring endpoints, under ``/api/v1/programmes/<slug>/`` (kebab-case, no trailing
slashes); included from the API's ``urls``."""

from django.urls import path

from . import views

urlpatterns = [
    path("indicators", views.IndicatorList.as_view(), name="indicators"),
    path("indicators/<str:indicatorId>", views.IndicatorDetail.as_view(), name="indicator"),
    path("measurements", views.MeasurementList.as_view(), name="measurements"),
    path(
        "measurements/<int:measurementId>",
        views.MeasurementDetail.as_view(),
        name="measurement",
    ),
    path("milestones", views.MilestoneList.as_view(), name="milestones"),
    path(
        "milestones/<str:milestoneId>/statuses",
        views.MilestoneStatusList.as_view(),
        name="milestone-statuses",
    ),
    path("spending", views.SpendingList.as_view(), name="spending"),
    path("in-kind-deliveries", views.DeliveryList.as_view(), name="in-kind-deliveries"),
]
