"""Effect measurement pages, in the ``programmes`` namespace (see ``stramien.web.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/effectmeting/", views.results, name="effects"),
    path("<slug:slug>/effectmeting/instellingen/", views.settings, name="effects_settings"),
    path(
        "<slug:slug>/effectmeting/wie-betaalt.svg",
        views.stakeholder_figure,
        name="effects_stakeholder_figure",
    ),
    path("<slug:slug>/effectmeting/casus/nieuw/", views.case, name="effects_case_new"),
    path("<slug:slug>/effectmeting/casus/<str:case_id>/", views.case, name="effects_case"),
    path(
        "<slug:slug>/effectmeting/casus/<str:case_id>/tijdlijn.svg",
        views.case_figure,
        name="effects_case_figure",
    ),
    path(
        "<slug:slug>/effectmeting/casus/<str:case_id>/herprijzen/",
        views.reprice_case,
        name="effects_reprice",
    ),
    path("<slug:slug>/effectmeting/prijslijsten/", views.price_lists, name="effects_price_lists"),
    path(
        "<slug:slug>/effectmeting/prijslijst/<str:list_id>/",
        views.price_list,
        name="effects_price_list",
    ),
    path(
        "<slug:slug>/effectmeting/prijslijst/<str:list_id>.<str:extension>",
        views.price_list_download,
        name="effects_price_list_download",
    ),
]
