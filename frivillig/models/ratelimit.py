"""Uses of the rate-limited public forms."""

from django.db import models


class RateLimitHit(models.Model):
    """One use of a rate-limited public form; the key is a salted hash, never an address."""

    scope = models.CharField(max_length=50)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
