from django.core.mail.backends.base import BaseEmailBackend

from frivillig.outbox.services import message_enqueue


class OutboxBackend(BaseEmailBackend):
    """EMAIL_BACKEND: every mail Django sends itself (the password reset, mail_admins) is queued
    in the outbox like the portal's own, and OUTBOX_DELIVERY_BACKEND sends it from the worker."""

    def send_messages(self, email_messages):
        for email in email_messages:
            if email.cc or email.bcc or getattr(email, "alternatives", None):
                raise ValueError("The outbox keeps plain-text e-mails to To recipients only.")
            message_enqueue(
                to=email.to,
                subject=email.subject,
                body=email.body,
                reply_to=email.reply_to,
                from_email=email.from_email,
                attachments=email.attachments,
            )
        return len(email_messages)
