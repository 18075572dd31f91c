"""Rate limits hold when many requests arrive at the same moment, each in its own transaction."""

import threading

from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from frivillig.models import RateLimitHit
from frivillig.ratelimit import rate_limit_allow
from tests import factories

ATTEMPTS = 40


def _at_once(call, times):
    """Run `call` in `times` threads with their own database connections, released together."""
    barrier = threading.Barrier(times)
    outcomes = [None] * times

    def run(index):
        try:
            barrier.wait()
            outcomes[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_forty_parallel_attempts_at_a_limit_of_five_allow_exactly_five(transactional_db):
    outcomes = _at_once(lambda: rate_limit_allow(scope="contact", key="k1", limit=5), ATTEMPTS)
    assert outcomes.count(True) == 5
    assert outcomes.count(False) == 35
    assert RateLimitHit.objects.filter(scope="contact", key="k1").count() == 5


def test_forty_parallel_contact_posts_deliver_five_mails(transactional_db, faaborg):
    url = reverse("foreninger:contact", args=[factories.association().slug])
    data = {"name": "Bo", "email": "bo@example.com", "message": "Hej"}
    statuses = _at_once(lambda: Client().post(url, data).status_code, ATTEMPTS)
    assert statuses.count(302) == 5
    assert statuses.count(200) == 35
    assert len(mail.outbox) == 5


def test_other_keys_and_scopes_keep_their_own_count(db):
    for _ in range(2):
        assert rate_limit_allow(scope="contact", key="k1", limit=2) is True
    assert rate_limit_allow(scope="contact", key="k1", limit=2) is False
    assert rate_limit_allow(scope="contact", key="k2", limit=2) is True
    assert rate_limit_allow(scope="signup", key="k1", limit=2) is True
