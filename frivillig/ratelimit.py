"""Rate limits for public forms, counted in the database so that they hold across app servers."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from frivillig.models import RateLimitHit


def client_address(request):
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies (load balancer, ingress) it is
    the entry that many places from the right in X-Forwarded-For: only our own proxies append
    there, so what the client wrote to the left of it cannot be trusted."""
    if settings.TRUSTED_PROXY_COUNT:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
            return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request):
    """A salted hash of the client's address: enough to count requests, useless to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()


def _lock_id(scope, key):
    """A signed 64-bit number for PostgreSQL's advisory locks, one per (scope, key)."""
    digest = hashlib.sha256(f"ratelimit:{scope}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def rate_limit_allow(*, scope, key, limit, window=timedelta(hours=1)):
    """True when the attempt is allowed, and then counted; False when the key already used its
    `limit` in the window.

    Parallel requests for one key take turns: a transaction-scoped advisory lock is held from
    the count until the insert is committed, so no two of them count the same total.
    """
    since = timezone.now() - window
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(scope, key)])
        hits = RateLimitHit.objects.filter(scope=scope, key=key, created_at__gte=since)
        if hits.count() >= limit:
            return False
        RateLimitHit.objects.create(scope=scope, key=key)
        return True


def rate_limit_purge(*, older_than=timedelta(days=1)):
    return RateLimitHit.objects.filter(created_at__lt=timezone.now() - older_than).delete()[0]
