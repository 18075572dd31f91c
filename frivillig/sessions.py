"""How long a login lasts: staff SESSION_STAFF_IDLE without activity and SESSION_STAFF_MAX_AGE
in all, everybody else SESSION_IDLE without activity."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "frivillig_login_at"
SEEN_AT = "frivillig_seen_at"
# The last activity is written back once per 1/TOUCH_FRACTION of the idle limit (a minute for
# staff, 11 hours for others) rather than on every request as SESSION_SAVE_EVERY_REQUEST would:
# one session UPDATE per interval of activity, and the limit holds to within that interval.
TOUCH_FRACTION = 30


def _limits(user):
    """Seconds without activity, and in all (None: no such limit), that the user's login lasts."""
    if user.is_staff:
        return (
            int(settings.SESSION_STAFF_IDLE.total_seconds()),
            int(settings.SESSION_STAFF_MAX_AGE.total_seconds()),
        )
    return int(settings.SESSION_IDLE.total_seconds()), None


def _now():
    return int(timezone.now().timestamp())


def _record(session, user, now, *, login):
    """Note the login's start (`login`) or its latest activity, and let the stored session and
    its cookie end soon after the limit even if never seen again; a little after it, so that
    a visit just past the limit is told why it was logged out."""
    idle, total = _limits(user)
    if login:
        session[LOGIN_AT] = now
    session[SEEN_AT] = now
    left = idle if total is None else min(idle, total - (now - session[LOGIN_AT]))
    session.set_expiry(max(left, 0) + idle // TOUCH_FRACTION)


def session_start(sender, request, user, **kwargs):
    """On user_logged_in: the limits of this login start now, saved with the login itself."""
    _record(request.session, user, _now(), login=True)


class SessionLimitMiddleware:
    """Ends a login that was idle or lasted too long, and records its activity. Needs the
    session, the user and messages, so it comes after their middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        now = _now()
        if (
            session.session_key
            and SEEN_AT in session
            and request.user.is_authenticated
            and self._expired(request.user, session, now)
        ):
            logout(request)
            messages.info(request, _("Your login has expired. Please log in again."))
        response = self.get_response(request)
        if SESSION_KEY in session and request.user.is_authenticated:
            self._touch(request.user, session, now)
        return response

    def _expired(self, user, session, now):
        idle, total = _limits(user)
        return now - session[SEEN_AT] > idle or (
            total is not None and now - session.get(LOGIN_AT, now) > total
        )

    def _touch(self, user, session, now):
        if LOGIN_AT not in session:
            # A login from before these limits: they start now.
            _record(session, user, now, login=True)
        elif now - session[SEEN_AT] >= _limits(user)[0] // TOUCH_FRACTION:
            _record(session, user, now, login=False)
