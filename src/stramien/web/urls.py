"""The site's addresses. Every page of one programme lives under ``programmas/<slug>/`` in
the ``programmes`` namespace, whichever app it belongs to."""

from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from stramien.web.agreeing import urls as agreeing_urls
from stramien.web.archives import urls as archives_urls
from stramien.web.audit import urls as audit_urls
from stramien.web.guidance import urls as guidance_urls
from stramien.web.monitoring import urls as monitoring_urls
from stramien.web.programmes import urls as programmes_urls
from stramien.web.publication import urls as publication_urls

programme_pages = [
    *programmes_urls.urlpatterns,
    *agreeing_urls.urlpatterns,
    *monitoring_urls.urlpatterns,
    *publication_urls.urlpatterns,
    *archives_urls.urlpatterns,
    *audit_urls.urlpatterns,
    *guidance_urls.urlpatterns,
]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programmes:list", permanent=False)),
    path("account/", include("stramien.web.accounts.urls")),
    path("programmas/", include((programme_pages, "programmes"))),
    path("hulp/", include((guidance_urls.help_urlpatterns, "help"))),
    path("openbaar/", include((publication_urls.public_urlpatterns, "public"))),
    path("taal/", set_language, name="set_language"),
    path("api/v1/", include("stramien.web.api.urls")),
]
