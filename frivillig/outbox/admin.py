from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frivillig.outbox.models import Attachment, Message
from frivillig.outbox.services import messages_resend


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["filename", "content_type"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """What the portal sent and is sending; read-only, with a failed message sent again."""

    list_display = ["subject", "recipient_list", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["subject", "recipients", "message_id"]
    date_hierarchy = "created_at"
    fields = [
        "status",
        "last_error",
        "channel",
        "from_email",
        "recipients",
        "reply_to",
        "subject",
        "body",
        "message_id",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields
    inlines = [AttachmentInline]
    actions = ["resend"]

    @admin.display(description=_("recipients"))
    def recipient_list(self, message):
        return ", ".join(message.recipients)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.resend_message")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def resend(self, request, queryset):
        count = messages_resend(messages=queryset)
        skipped = queryset.count() - count
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d failed message is queued to be sent again.",
                    "%(count)d failed messages are queued to be sent again.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message had not failed and was left as it is.",
                    "%(count)d messages had not failed and were left as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
