"""The API's addresses under ``/api/v1``: kebab-case, no trailing slashes."""

from django.urls import include, path

from . import views
from .monitoring import urls as monitoring_urls

app_name = "api"

programme = "programmes/<slug:slug>"
revision = f"{programme}/revisions/<int:number>"

urlpatterns = [
    path("openapi.json", views.Schema.as_view(), name="openapi"),
    path("programmes", views.ProgrammeList.as_view(), name="programmes"),
    path(programme, views.ProgrammeDetail.as_view(), name="programme"),
    path(f"{programme}/document", views.AgreementWrite.as_view(), name="agreement"),
    path(f"{programme}/revisions", views.RevisionList.as_view(), name="revisions"),
    path(f"{programme}/changes", views.Changes.as_view(), name="changes"),
    path(f"{programme}/members", views.Members.as_view(), name="members"),
    path(f"{programme}/approval-rounds", views.ApprovalRounds.as_view(), name="approval-rounds"),
    path(revision, views.RevisionDetail.as_view(), name="revision"),
    path(f"{revision}/document", views.RevisionDocument.as_view(), name="revision-document"),
    path(f"{revision}/findings", views.Findings.as_view(), name="revision-findings"),
    path(
        f"{revision}/documents/<str:fileFormat>",
        views.RevisionFile.as_view(),
        name="revision-file",
    ),
    # Indicators, measurements, milestones, spending, deliveries (monitoring/urls.py).
    path(f"{programme}/", include(monitoring_urls)),
]
