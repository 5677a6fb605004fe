from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programmes:list", permanent=False)),
    path("account/", include("stramien.web.accounts.urls")),
    path("programmas/", include("stramien.web.programmes.urls")),
    path("openbaar/", include("stramien.web.programmes.public_urls")),
    path("taal/", set_language, name="set_language"),
]
