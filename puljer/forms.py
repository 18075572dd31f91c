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
        # A draft may be saved before it has a title; submission asks for one.
        self.fields["title"].required = False


class BudgetLineForm(forms.ModelForm):
    """A line is optional until something is written in it; then it needs all three fields."""

    class Meta:
        model = BudgetLine
        fields = ["kind", "description", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) not in (None, "") for name in self.Meta.fields):
            for name in self.Meta.fields:
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("Fill in the kind, the description and the amount."))
        return cleaned


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class DraftUploadForm(forms.Form):
    """Files chosen on the application form itself, attached when the draft is saved."""

    accounts = forms.FileField(label=Attachment.Kind.ACCOUNTS.label, required=False)
    other = MultipleFileField(
        label=_("Other files (optional)"),
        required=False,
        help_text=_("You may choose more than one file."),
    )

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        if not pool.requires_annual_accounts:
            del self.fields["accounts"]

    def files_to_attach(self):
        """(kind, file) for each file chosen."""
        chosen = [(Attachment.Kind.ACCOUNTS, self.cleaned_data.get("accounts"))]
        chosen += [(Attachment.Kind.OTHER, file) for file in self.cleaned_data["other"]]
        return [(kind, file) for kind, file in chosen if file]


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
