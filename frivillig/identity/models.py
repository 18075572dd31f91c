from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginIdentity(models.Model):
    """A NemLog-in identity (the issuer and its persistent NameID) that logs in as a user.

    NemLog-in's NameID is a pseudonym for the person; the CPR number is never kept.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_identities",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("identity provider"), max_length=255)
    subject = models.CharField(_("identifier at the identity provider"), max_length=255)
    created_at = models.DateTimeField(_("first login"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last login"), auto_now=True)

    class Meta:
        verbose_name = _("MitID login")
        verbose_name_plural = _("MitID logins")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="login_identity_issuer_subject_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(issuer="") & ~models.Q(subject=""),
                name="login_identity_issuer_subject_given",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.issuer})"
