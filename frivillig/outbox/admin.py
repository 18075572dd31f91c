from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from frivillig.outbox.models import Attachment, LetterChannel, Message
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

    list_display = [
        "subject",
        "recipient_list",
        "channel",
        "status",
        "fallback_link",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "channel"]
    search_fields = ["subject", "recipients", "recipient_cvr", "message_id"]
    date_hierarchy = "created_at"
    fields = [
        "status",
        "last_error",
        "channel",
        "fallback_link",
        "fallback_for",
        "receipt",
        "from_email",
        "recipients",
        "sender_cvr",
        "sender_name",
        "recipient_cvr",
        "recipient_name",
        "memo_uuid",
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
        if message.channel == Message.Channel.DIGITAL_POST:
            return gettext("CVR %(cvr)s (Digital Post)") % {"cvr": message.recipient_cvr}
        return ", ".join(message.recipients)

    @admin.display(description=_("sent by e-mail instead"))
    def fallback_link(self, message):
        fallback = getattr(message, "fallback", None)
        if fallback is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:outbox_message_change", args=[fallback.pk]),
            fallback.get_status_display(),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fallback")

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


@admin.register(LetterChannel)
class LetterChannelAdmin(admin.ModelAdmin):
    """The municipality's choice, per kind of letter, between e-mail and Digital Post for the
    associations with a CVR number."""

    list_display = ["kind", "channel", "mandatory", "legal_notification"]
    list_editable = ["channel", "mandatory", "legal_notification"]
    fields = ["kind", "channel", "mandatory", "legal_notification"]
    readonly_fields = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not settings.DIGITAL_POST_TRANSPORT:
            self.message_user(
                request,
                gettext(
                    "Digital Post is not set up on this server (DIGITAL_POST_TRANSPORT): every "
                    "letter goes by e-mail."
                ),
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)


def dashboard_counts(request):
    """The admin index's count (frivillig.hooks): messages that could not be delivered."""
    if not request.user.has_perm("outbox.view_message"):
        return []
    return [
        (
            gettext("Messages that failed"),
            Message.objects.filter(status=Message.Status.FAILED).count(),
            f"{reverse('admin:outbox_message_changelist')}?status__exact={Message.Status.FAILED}",
        )
    ]
