from django import forms
from django.utils.translation import gettext_lazy as _

from foreninger.models import Association
from frivillig.arrangementer.models import Event, EventRegistration
from frivillig.forms import HoneypotForm, drop_empty_choices, slug_filter
from frivillig.models import Region


class EventFilterForm(forms.Form):
    """The calendar's filters, as GET parameters with Danish names so that URLs read well."""

    type = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", _("All")), *Event.Kind.choices], required=False
    )
    egn = slug_filter(_("Region"), Region.objects.order_by("order", "name"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_empty_choices(self, egn=Region)

    def filters(self):
        """Keyword arguments for the event selectors, from the fields that are valid."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"kind": data.get("type", ""), "region": data.get("egn")}


class WorkshopResponseForm(HoneypotForm):
    """A participant's input to a workshop: who they are and an answer to one or more questions."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a receipt with your answers."),
        error_messages={"required": _("Enter your e-mail address, so that we can send a receipt.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation or association (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my answers may be used in the work on the policy and quoted "
            "without my name."
        ),
        error_messages={"required": _("Tick the box, or your answers cannot be used.")},
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self._answer_name(question)] = forms.CharField(
                label=question.text,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        self.order_fields(
            [
                "name",
                "email",
                "organisation",
                *(self._answer_name(question) for question in self.questions),
                "consent",
                "homepage",
            ]
        )

    @staticmethod
    def _answer_name(question):
        return f"answer_{question.pk}"

    def answer_fields(self):
        return [self[self._answer_name(question)] for question in self.questions]

    def answers(self):
        """{question: text} for the questions answered."""
        return {
            question: self.cleaned_data[self._answer_name(question)]
            for question in self.questions
            if self.cleaned_data.get(self._answer_name(question))
        }

    def clean(self):
        cleaned = super().clean()
        if self.questions and not any(
            cleaned.get(self._answer_name(question)) for question in self.questions
        ):
            self.add_error(
                self._answer_name(self.questions[0]), _("Answer at least one of the questions.")
            )
        return cleaned


class RegistrationForm(forms.ModelForm):
    """An association's sign-up, offering only the associations the user may act for."""

    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.none(), empty_label=None
    )

    class Meta:
        model = EventRegistration
        fields = ["association", "attendees", "note"]

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
