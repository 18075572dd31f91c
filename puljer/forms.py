from django import forms
from django.utils.translation import gettext_lazy as _

from puljer.models import Application, Attachment, BudgetLine, Report

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(forms.ModelForm):
    """The association's application; a draft may be incomplete, submission checks it all."""

    class Meta:
        model = Application
        fields = [
            "title",
            "activity",
            "purpose",
            "target_groups",
            "focus_areas",
            "co_creation_description",
            "open_to_over_65_confirmed",
            "expected_participants",
            "expected_volunteers",
            "period_start",
            "period_end",
            "amount_applied",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "period_start": DATE,
            "period_end": DATE,
        }
        help_texts = {
            "activity": _("If the activity is in the directory, choose it."),
            "amount_applied": _(
                "At most the expenses minus your own funding and other funding granted."
            ),
        }

    def __init__(self, *args, focus_area_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        application = self.instance
        pool = application.round.pool
        self.fields["activity"].queryset = application.association.activities.order_by("title")
        if focus_area_label:
            self.fields["focus_areas"].label = focus_area_label
        if not pool.requires_co_creation_description:
            del self.fields["co_creation_description"]
        if not pool.requires_over_65_confirmation:
            del self.fields["open_to_over_65_confirmed"]


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["kind", "description", "amount"]


BudgetLineFormSet = forms.modelformset_factory(
    BudgetLine, form=BudgetLineForm, extra=3, can_delete=True, max_num=60, validate_max=True
)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "file"]

    def __init__(self, *args, report=False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = Attachment.Kind
        allowed = (
            [kinds.REPORT_ACCOUNTS, kinds.OTHER]
            if report
            else [kinds.ACCOUNTS, kinds.BUDGET, kinds.OTHER]
        )
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in allowed]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the application? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HearingAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "amount_spent",
            "participants_reached",
            "volunteers",
            "account",
            "audited",
            "declaration",
        ]

    def __init__(self, *args, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].required = True
        if not requirements["audited"]:
            del self.fields["audited"]
