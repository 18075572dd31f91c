"""Settings for Frivilligportalen, read from the environment.

Development needs no configuration: without DATABASE_URL an embedded PostgreSQL starts in
`.pgdata/`. With DJANGO_ENV=production the process refuses to start without the settings a
public deployment must set explicitly.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"


def required(name):
    value = os.environ.get(name, "")
    if PRODUCTION and not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production")
    return value


DEBUG = envbool("DEBUG", "false" if PRODUCTION else "true")
SECRET_KEY = required("SECRET_KEY") or "django-insecure-development-only-key"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS") if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "frivillig.apps.FrivilligAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "frivillig.thirdparty_apps.AxesConfig",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "djangosaml2",
    "procrastinate.contrib.django",
    "frivillig",
    "frivillig.outbox",
    "frivillig.jobs",
    "frivillig.identity",
    # The menu follows this order; demo data follow the apps' dependencies instead.
    "frivillig.arrangementer",
    "foreninger",
    "foreninger.frivilligjob",
    "puljer",
    "puljer.payments",
    "puljer.assessment",
    "folgegruppe",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "frivillig.middleware.municipality_read_once",
    # In the admin, a NUL or a date part no calendar has: 400 before any list filter meets it.
    "frivillig.querystrings.AdminQueryStringMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The SAML exchange's own session cookie (djangosaml2), which NemLog-in's POST back carries.
    "djangosaml2.middleware.SamlSessionMiddleware",
    "frivillig.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff act without their powers until they have given this login's code.
    "frivillig.middleware.TwoFactorMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "frivillig.sessions.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "frivillig.urls"
WSGI_APPLICATION = "frivillig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frivillig.context_processors.municipality",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=envint("CONN_MAX_AGE", "60"))}
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production")
else:
    from frivillig.embedded_db import embedded_database_url

    DATABASES = {"default": dj_database_url.parse(embedded_database_url(BASE_DIR / ".pgdata"))}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# What Django reads with iterator(), every form's list of choices among them, is small: a
# server-side cursor cost three round trips (DECLARE, FETCH, CLOSE) for each.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# Lets several test runs share one server without dropping each other's database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "frivillig.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Slows down guesses at one account from many addresses; logs nobody in.
    "frivillig.accounts.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Logs in the person a verified NemLog-in assertion names (frivillig.identity).
    "frivillig.identity.backends.MitIDBackend",
]
# Brute force: five failed logins for one account from one address lock that pair out for
# AXES_COOLOFF_MINUTES; other people and the same person elsewhere can still log in.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The login form names its e-mail field "username", as Django's AuthenticationForm does;
# failures count under the address in lower case without spaces, as login looks it up.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "frivillig.accounts.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# How many proxies of our own stand in front of the app; they append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
AXES_CLIENT_IP_CALLABLE = "frivillig.ratelimit.client_address"

# The audit trail: who changed what, when, before and after, for the records the consultant
# decides on. Never ballots or who voted (folgegruppe keeps those apart on purpose).
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    "foreninger.association",
    "foreninger.activity",
    "foreninger.membership",
    "frivilligjob.opportunity",
    "puljer.pool",
    "puljer.round",
    # The contact person is personal data that is removed before the case itself.
    {
        "model": "puljer.application",
        "exclude_fields": ["contact_name", "contact_email", "contact_phone"],
    },
    # The panel's work on each application: who declared what, and scored what
    # (forvaltningsloven kap. 2).
    "assessment.panelmember",
    "assessment.declaration",
    "assessment.score",
    "folgegruppe.groupseat",
    "folgegruppe.election",
    "folgegruppe.candidate",
    "folgegruppe.meeting",
    "arrangementer.event",
    "frivillig.municipality",
    "frivillig.focusarea",
    "frivillig.actionplan",
    "frivillig.meetingplace",
)
AUDITLOG_DISABLE_REMOTE_ADDR = True

# The issuer shown in authenticator apps; the municipality's name is added per device.
OTP_TOTP_ISSUER = "Frivilligportalen"
# Nobody, superusers included, reads another person's authenticator key in the admin: it
# would let them give that person's codes. A lost phone is reset, not looked up.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGIN_URL = "login"
# Login with MitID through NemLog-in (OIOSAML 3, djangosaml2). Without SAML_IDP_METADATA (a file
# or URL of NemLog-in's metadata) the local test identity provider stands in; a system check
# refuses that in production.
MITID_LOGIN = envbool("MITID_LOGIN", "false" if PRODUCTION else "true")
# Password login for development and for associations without MitID; production may turn it off.
PASSWORD_LOGIN = envbool("PASSWORD_LOGIN", "true")
SAML_IDP_METADATA = os.environ.get("SAML_IDP_METADATA", "")
LOCAL_TEST_IDP = MITID_LOGIN and not SAML_IDP_METADATA
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "")
# The service provider's key and certificate (OCES); the NEXT pair is published beside them
# while NemLog-in moves to a new certificate. Unset in development: made in SAML_KEY_DIR.
SAML_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "")
SAML_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "")
SAML_SP_NEXT_KEY_FILE = os.environ.get("SAML_SP_NEXT_KEY_FILE", "")
SAML_SP_NEXT_CERT_FILE = os.environ.get("SAML_SP_NEXT_CERT_FILE", "")
SAML_KEY_DIR = Path(os.environ.get("SAML_KEY_DIR", BASE_DIR / ".saml"))
# Refuse an assertion that did not come encrypted (NemLog-in encrypts them for our certificate).
SAML_REQUIRE_ENCRYPTION = envbool("SAML_REQUIRE_ENCRYPTION", "true")
# The privilege, created in NemLog-in's user administration, that lets a person act for the
# association of the CVR number they log in for.
MITID_PRIVILEGE = os.environ.get(
    "MITID_PRIVILEGE", "" if PRODUCTION else "urn:dk:frivilligportalen:act-for-association"
)
# The CVR register: "distribution" asks Erhvervsstyrelsen's CVR data distribution with the
# credentials it issued; "fixture" reads CVR_FIXTURE_FILE (development and tests).
CVR_LOOKUP = os.environ.get("CVR_LOOKUP", "distribution" if PRODUCTION else "fixture")
CVR_DISTRIBUTION_URL = os.environ.get("CVR_DISTRIBUTION_URL", "")
CVR_DISTRIBUTION_USER = os.environ.get("CVR_DISTRIBUTION_USER", "")
CVR_DISTRIBUTION_PASSWORD = os.environ.get("CVR_DISTRIBUTION_PASSWORD", "")
CVR_TIMEOUT_SECONDS = envint("CVR_TIMEOUT_SECONDS", "10")
CVR_FIXTURE_FILE = Path(os.environ.get("CVR_FIXTURE_FILE", BASE_DIR / "foreninger/data/cvr.yaml"))
SAML_CONFIG_LOADER = "frivillig.identity.config.sp_config"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "saml_session"
# NemLog-in posts its answer from another site, which a Lax cookie would not follow; the local
# test identity provider is the same site, and plain HTTP refuses a cookie with None.
SAML_SESSION_COOKIE_SAMESITE = "None" if PRODUCTION else "Lax"
SAML_CSP_HANDLER = ""
SAML_IGNORE_LOGOUT_ERRORS = True
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# The portal's own texts (makemessages keeps them), then the Danish of other packages' texts that
# the portal shows (django-axes, django-auditlog, the admin's messages), which makemessages would
# mark obsolete in the first.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "frivillig" / "translations"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Every e-mail is queued in the outbox within its request's transaction; the worker
# (`manage.py procrastinate worker`) sends it with OUTBOX_DELIVERY_BACKEND.
EMAIL_BACKEND = "frivillig.outbox.backends.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
# A mail server that does not answer holds up the worker no longer than this (seconds).
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
# Tries of a message, the waits doubling from a minute (ten tries span about 8½ hours), before it
# is marked failed for the consultant to send again.
OUTBOX_MAX_ATTEMPTS = envint("OUTBOX_MAX_ATTEMPTS", "10")
# A worker's claim on the messages it is sending (seconds): longer than a batch takes; a worker
# killed while sending leaves them to be sent again, with the same Message-ID, after it.
OUTBOX_CLAIM_SECONDS = envint("OUTBOX_CLAIM_SECONDS", "300")
# Sent and failed messages are deleted after this many days (the retention run).
OUTBOX_RETENTION_DAYS = envint("OUTBOX_RETENTION_DAYS", "30")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Digital Post (frivillig.outbox.digitalpost): the letters the municipality sends there (the
# admin's channels of letters) go through DIGITAL_POST_TRANSPORT: "sf1601", KOMBIT's KombiPostAfsend
# on Serviceplatformen; "folder", development's, writes each MeMo message to DIGITAL_POST_FOLDER;
# empty (production's default) sends every letter by e-mail.
DIGITAL_POST_TRANSPORT = os.environ.get("DIGITAL_POST_TRANSPORT", "" if PRODUCTION else "folder")
DIGITAL_POST_FOLDER = Path(os.environ.get("DIGITAL_POST_FOLDER", BASE_DIR / ".digital-post"))
# Serviceplatformen's security token service, access token service and KombiPostAfsend, and the
# entity id the token is issued for; the municipality's system certificate and key (PEM, OCES3)
# registered with its service agreement; the certificate authorities to trust for the servers
# (empty: the system's).
DIGITAL_POST_STS_URL = os.environ.get("DIGITAL_POST_STS_URL", "")
DIGITAL_POST_TOKEN_URL = os.environ.get("DIGITAL_POST_TOKEN_URL", "")
DIGITAL_POST_URL = os.environ.get("DIGITAL_POST_URL", "")
DIGITAL_POST_ENTITY_ID = os.environ.get(
    "DIGITAL_POST_ENTITY_ID", "http://entityid.kombit.dk/service/kombipostafsend/1"
)
DIGITAL_POST_CERT_FILE = os.environ.get("DIGITAL_POST_CERT_FILE", "")
DIGITAL_POST_KEY_FILE = os.environ.get("DIGITAL_POST_KEY_FILE", "")
DIGITAL_POST_CA_FILE = os.environ.get("DIGITAL_POST_CA_FILE", "")
DIGITAL_POST_TIMEOUT = envint("DIGITAL_POST_TIMEOUT", "30")
# The portal's public address, for links in e-mails sent outside a request (reminder commands).
SITE_URL = (required("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Only first-party resources: no CDN, no trackers, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# A login ends after this long without activity; staff's also after SESSION_STAFF_MAX_AGE.
SESSION_IDLE = datetime.timedelta(days=envint("SESSION_IDLE_DAYS", "14"))
SESSION_STAFF_IDLE = datetime.timedelta(minutes=envint("SESSION_STAFF_IDLE_MINUTES", "30"))
SESSION_STAFF_MAX_AGE = datetime.timedelta(hours=envint("SESSION_STAFF_MAX_HOURS", "8"))
SESSION_COOKIE_AGE = int(SESSION_IDLE.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "frivillig.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_REDIRECT_EXEMPT = [r"^healthz/(worker/)?$"]  # the load balancer probes over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "frivillig.logs.JsonFormatter"},
    },
    # No secret token of a link (password reset, activation) in a log line.
    "filters": {"hide_tokens": {"()": "frivillig.accesslog.HideTokens"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain"),
            "filters": ["hide_tokens"],
        }
    },
    # Also for Django's own console handler (DEBUG), which logs each failed request's path.
    "loggers": {
        "django.request": {"filters": ["hide_tokens"]},
        # WeasyPrint logs each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Procrastinate logs its task registrations at INFO at every start of Django (each
        # command, each test worker); the worker's own lines (jobs started, ended) stay.
        "procrastinate": {"level": "WARNING"},
        "procrastinate.worker": {"level": "INFO"},
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
