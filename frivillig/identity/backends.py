from django.contrib.auth.backends import ModelBackend


class MitIDBackend(ModelBackend):
    """The backend a MitID login is made with (frivillig.identity.views.AssertionConsumer logs
    the person in after pysaml2 verified the assertion); it checks no password."""

    def authenticate(self, request, **kwargs):
        return None
