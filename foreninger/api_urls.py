from django.urls import path

from foreninger import api

# Names in the `api` namespace, which the project's URLconf gives with the volunteer jobs'.
# Ids are strings so that a malformed one gets the API's JSON 404, not the site's HTML page.
urlpatterns = [
    path("", api.index, name="index"),
    path("organizations/", api.organizations, name="organizations"),
    path("organizations/<str:id>/", api.organization, name="organization"),
    path("services/", api.services, name="services"),
    path("services/<str:id>/", api.service, name="service"),
    path("service_at_locations/", api.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>/", api.service_at_location, name="service_at_location"),
    path("locations/", api.locations, name="locations"),
    path("locations/<str:id>/", api.location, name="location"),
    path("taxonomies/", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>/", api.taxonomy, name="taxonomy"),
    path("taxonomy_terms/", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>/", api.taxonomy_term, name="taxonomy_term"),
]
