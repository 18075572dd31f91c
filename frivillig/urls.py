from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from frivillig import views
from frivillig.forms import PasswordResetForm


def namespace(name, *urlconfs):
    """One URL namespace over several URLconfs: the volunteer jobs, an app of their own
    (foreninger.frivilligjob), keep the names they had under the associations."""
    return include(([path("", include(urlconf)) for urlconf in urlconfs], name))


urlpatterns = [
    path("", views.home, name="home"),
    path("indsatsomraader/<slug:slug>/", views.focus_area, name="focus_area"),
    path("indsatsomraader/<slug:slug>/handleplaner/", views.action_plans, name="action_plans"),
    path(
        "indsatsomraader/<slug:slug>/handleplaner/<int:pk>/",
        views.action_plan,
        name="action_plan",
    ),
    path("anerkendelse/", views.awards, name="awards"),
    path("anerkendelse/indstil/", views.award_nominate, name="award_nominate"),
    path("anerkendelse/indstil/tak/", views.award_nominated, name="award_nominated"),
    path("sider/<slug:slug>/", views.page, name="page"),
    path("moedesteder/", views.meeting_places, name="meeting_places"),
    path("was/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("konto/opret/", views.signup, name="signup"),
    path("konto/aktiver/<uidb64>/<token>/", views.activate, name="activate"),
    path("konto/to-faktor/", views.two_factor, name="two_factor"),
    # django.contrib.auth's account pages, with a reset form that limits its e-mails.
    # Login (password and MitID) and logout: frivillig.identity.urls.
    path("", include("frivillig.identity.urls")),
    path(
        "konto/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "konto/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "konto/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "konto/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", namespace("foreninger", "foreninger.urls", "foreninger.frivilligjob.urls")),
    path("", include("frivillig.arrangementer.urls")),
    path("", include("puljer.urls")),
    path("", include("folgegruppe.urls")),
    path("api/v1/", namespace("api", "foreninger.api_urls", "foreninger.frivilligjob.api_urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("healthz/worker/", views.healthz_worker, name="healthz_worker"),
    # Without a CSRF token, so that the language form of every page's frame is the same for every
    # visitor and the page can be cached (frivillig.pagecache.public_page); a forged request
    # could only switch a visitor's language, and `next` must still be a URL of this site.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
