"""The volunteer jobs' open-data endpoints, included by the project's URLconf into the `api`
namespace beside the HSDS endpoints of `foreninger.api_urls`."""

from django.urls import path

from foreninger.frivilligjob import api

# Ids are strings so that a malformed one gets the API's JSON 404, not the site's HTML page.
urlpatterns = [
    path("opportunities/", api.opportunities, name="opportunities"),
    path("opportunities/<str:id>/", api.opportunity, name="opportunity"),
]
