from django.urls import path

from . import approval_views, archive_views, audit, item_views, public, views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw/", views.programme_create, name="create"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/figuur/<str:name>.svg", views.figure, name="figure"),
    path("<slug:slug>/onderdeel/<str:key>/", views.section_edit, name="section"),
    path("<slug:slug>/onderdeel/<str:key>/controle/", views.section_check, name="check"),
    path(
        "<slug:slug>/onderdeel/<str:key>/item/<str:item_id>/",
        item_views.section_item,
        name="item",
    ),
    path("<slug:slug>/onderdeel/<str:key>/opmerking/", views.comment_add, name="comment"),
    path("<slug:slug>/opmerking/<int:pk>/afsluiten/", views.comment_resolve, name="resolve"),
    path("<slug:slug>/eigen-organisatie/", views.own_organisation, name="own"),
    path("<slug:slug>/beeld/", views.upload_image, name="upload_image"),
    path("<slug:slug>/bijlage/<str:name>", views.attachment, name="attachment"),
    path("<slug:slug>/geschiedenis/", views.history, name="history"),
    path("<slug:slug>/versie/<int:number>/", views.revision_detail, name="revision"),
    path("<slug:slug>/versie/<int:number>/terugzetten/", views.restore, name="restore"),
    path("<slug:slug>/versie/<int:number>/download/<str:fmt>/", views.download, name="download"),
    path("<slug:slug>/deelnemers/", views.members, name="members"),
    path("<slug:slug>/vaststelling/", approval_views.adoption, name="adoption"),
    path("<slug:slug>/vaststelling/voorleggen/", approval_views.propose, name="propose"),
    path("<slug:slug>/vaststelling/besluit/", approval_views.decide, name="decide"),
    path("<slug:slug>/openbaar/", public.set_public, name="set_public"),
    path("<slug:slug>/archief/", archive_views.export, name="export"),
    path("<slug:slug>/integriteit/", archive_views.verify, name="verify"),
    path("<slug:slug>/logboek/", audit.audit_page, name="audit"),
    path("<slug:slug>/logboek.csv", audit.audit_csv, name="audit_csv"),
]
