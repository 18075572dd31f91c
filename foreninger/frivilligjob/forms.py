from django import forms
from django.utils.translation import gettext_lazy as _

from foreninger.forms import ContactForm
from foreninger.frivilligjob.models import Opportunity
from foreninger.frivilligjob.services import answer_by_earliest
from foreninger.models import Activity
from frivillig.forms import drop_empty_choices, slug_filter
from frivillig.models import Region, TargetGroup


class OpportunityFilterForm(forms.Form):
    """The opportunity list's search and filters, as GET parameters with Danish names."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    egn = slug_filter(_("Region"), Region.objects.order_by("order", "name"))
    maalgruppe = slug_filter(_("Target group"), TargetGroup.objects.order_by("order", "name"))
    tid = forms.ChoiceField(
        label=_("Time commitment"),
        choices=[("", _("All")), *Opportunity.TimeCommitment.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_empty_choices(self, egn=Region, maalgruppe=TargetGroup)

    def search_arguments(self):
        """Keyword arguments for `opportunity_search`, from the fields that are valid."""
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q", ""),
            "region": data.get("egn"),
            "target_group": data.get("maalgruppe"),
            "time_commitment": data.get("tid", ""),
        }


class OpportunityForm(forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "title",
            "description",
            "time_commitment",
            "skills",
            "activity",
            "region",
            "target_groups",
            "starts_on",
            "answer_by",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "answer_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the association's own activities; the service checks it again.
        self.fields["activity"].queryset = Activity.objects.filter(
            association=self.instance.association
        ).order_by("title")
        self.fields["region"].empty_label = _("The whole municipality")
        drop_empty_choices(self, region=Region, target_groups=TargetGroup)

    def clean_answer_by(self):
        answer_by = self.cleaned_data["answer_by"]
        if answer_by < answer_by_earliest(self.instance):
            raise forms.ValidationError(_("The last day to answer cannot be in the past."))
        return answer_by

    def clean(self):
        cleaned = super().clean()
        starts, answer_by = cleaned.get("starts_on"), cleaned.get("answer_by")
        if starts and answer_by and answer_by > starts:
            self.add_error("answer_by", _("The last day to answer cannot be after the start date."))
        return cleaned


class OpportunityAnswerForm(ContactForm):
    """A citizen answers an opportunity: the contact form, with an optional phone number."""

    phone = forms.CharField(
        label=_("Your phone number (optional)"),
        max_length=30,
        required=False,
        widget=forms.TelInput(attrs={"autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=_("Why would you like to help?"),
        max_length=3000,
        widget=forms.Textarea,
        help_text=_("Tell the association a little about yourself and when you can help."),
    )

    field_order = ["name", "email", "phone", "message", "homepage"]
