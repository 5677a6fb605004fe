"""Monitoring pages, in the ``programmes`` namespace (see ``stramien.web.urls``)."""

from django.urls import path

from . import (
    charts,
    evidence,
    finance_sheet_views,
    iati_views,
    missing_views,
    progress_views,
    report_views,
    sheet_views,
    views,
)

urlpatterns = [
    path("<slug:slug>/monitoring/", views.dashboard, name="monitoring"),
    path("<slug:slug>/monitoring/beoordelen/", views.review, name="review"),
    path(
        "<slug:slug>/monitoring/rapportage/",
        report_views.progress_report,
        name="progress_report",
    ),
    path("<slug:slug>/monitoring/iati.xml", iati_views.iati, name="iati_export"),
    path("<slug:slug>/monitoring/ontbrekend/", missing_views.missing, name="missing"),
    path("<slug:slug>/monitoring/inlezen/", sheet_views.import_sheet, name="import_measurements"),
    path(
        "<slug:slug>/monitoring/metingen.<str:extension>",
        sheet_views.export_sheet,
        name="export_measurements",
    ),
    path(
        "<slug:slug>/monitoring/indicator/<str:indicator_id>/",
        views.indicator,
        name="indicator",
    ),
    path(
        "<slug:slug>/monitoring/indicator/<str:indicator_id>/verloop.svg",
        charts.indicator_figure,
        name="indicator_figure",
    ),
    path(
        "<slug:slug>/monitoring/indicator/<str:indicator_id>/vergrendelen/",
        views.lock,
        name="lock_period",
    ),
    path(
        "<slug:slug>/monitoring/meting/<int:pk>/besluit/", views.decide, name="decide_measurement"
    ),
    path(
        "<slug:slug>/monitoring/meting/<int:pk>/indienen/", views.submit, name="submit_measurement"
    ),
    path(
        "<slug:slug>/monitoring/meting/<int:pk>/bewijsstuk/",
        evidence.evidence,
        name="measurement_evidence",
    ),
    path("<slug:slug>/monitoring/mijlpalen/", progress_views.milestones, name="milestones"),
    path("<slug:slug>/monitoring/financien/", progress_views.finance, name="finance"),
    path(
        "<slug:slug>/monitoring/financien/<str:kind>/inlezen/",
        finance_sheet_views.import_finance_sheet,
        name="import_finance",
    ),
    path(
        "<slug:slug>/monitoring/financien/<str:kind>.<str:extension>",
        finance_sheet_views.export_finance_sheet,
        name="export_finance",
    ),
    path(
        "<slug:slug>/monitoring/financien/besteding/",
        progress_views.record_spending,
        name="record_spending",
    ),
    path(
        "<slug:slug>/monitoring/financien/natura/",
        progress_views.record_delivery,
        name="record_delivery",
    ),
]
