from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def send_templated(*, template, context, to, reply_to=None):
    """Send a plain-text e-mail whose first template line is the subject."""
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    message = EmailMessage(
        subject=subject.strip(), body=body.strip() + "\n", to=to, reply_to=reply_to
    )
    message.send()
    return message
