"""The programme pages of this app; ``stramien.web.urls`` puts them under ``programmas/``
in the ``programmes`` namespace, together with those of the apps above it."""

from django.urls import path

from . import (
    comment_views,
    diff_views,
    item_views,
    member_views,
    partner_views,
    section_views,
    views,
)

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw/", views.programme_create, name="create"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/figuur/<str:name>.svg", views.figure, name="figure"),
    path("<slug:slug>/onderdeel/<str:key>/", section_views.section_edit, name="section"),
    path("<slug:slug>/onderdeel/<str:key>/controle/", section_views.section_check, name="check"),
    path(
        "<slug:slug>/onderdeel/<str:key>/item/<str:item_id>/",
        item_views.section_item,
        name="item",
    ),
    path("<slug:slug>/onderdeel/<str:key>/opmerking/", comment_views.comment_add, name="comment"),
    path(
        "<slug:slug>/opmerking/<int:pk>/afsluiten/", comment_views.comment_resolve, name="resolve"
    ),
    path("<slug:slug>/eigen-organisatie/", partner_views.own_organisation, name="own"),
    path("<slug:slug>/beeld/", views.upload_image, name="upload_image"),
    path("<slug:slug>/bijlage/<str:name>", views.attachment, name="attachment"),
    path("<slug:slug>/geschiedenis/", views.history, name="history"),
    path("<slug:slug>/versie/<int:number>/", views.revision_detail, name="revision"),
    path("<slug:slug>/vergelijken/", diff_views.compare, name="compare"),
    path("<slug:slug>/versie/<int:number>/terugzetten/", views.restore, name="restore"),
    path("<slug:slug>/deelnemers/", member_views.members_page, name="members"),
    path("<slug:slug>/deelnemers/<int:pk>/", member_views.member_detail, name="member"),
    path(
        "<slug:slug>/deelnemers/uitnodiging/<int:pk>/intrekken/",
        member_views.invitation_revoke,
        name="invitation_revoke",
    ),
]

#: Accepting an invitation, under ``account/`` (see ``stramien.web.accounts.urls``).
invitation_urlpatterns = [
    path("uitnodiging/<str:token>/", member_views.invitation, name="invitation"),
]
