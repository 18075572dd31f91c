from django.conf import settings
from django.urls import path

from frivillig.identity import local_idp, views

# djangosaml2 and pysaml2 look these names up (saml2_acs, saml2_ls, ...).
urlpatterns = [
    path("konto/login/", views.PasswordLogin.as_view(), name="login"),
    path("konto/logout/", views.logout, name="logout"),
    path("saml2/login/", views.Login.as_view(), name="saml2_login"),
    path("saml2/acs/", views.AssertionConsumer.as_view(), name="saml2_acs"),
    path("saml2/logout/", views.LogoutInit.as_view(), name="saml2_logout"),
    path("saml2/ls/", views.LogoutService.as_view(), name="saml2_ls"),
    path("saml2/ls/post/", views.LogoutService.as_view(), name="saml2_ls_post"),
    path("saml2/metadata/", views.Metadata.as_view(), name="saml2_metadata"),
]
if settings.LOCAL_TEST_IDP:
    urlpatterns += [
        path("test-idp/sso/", local_idp.sso, name="test_idp_sso"),
        path("test-idp/slo/", local_idp.slo, name="test_idp_slo"),
        path("test-idp/metadata/", local_idp.metadata, name="test_idp_metadata"),
    ]
