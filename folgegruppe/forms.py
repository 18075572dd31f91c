from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from folgegruppe.models import AgendaProposal
from folgegruppe.services import ElectionError, ballot_candidates, ballot_cast
from foreninger.selectors import approved_associations


def _acting_association_field():
    return forms.ModelChoiceField(queryset=None, empty_label=None)


def _limit_acting_association(form, associations, label):
    """Offer only the associations the user may act for."""
    field = form.fields["association"]
    field.queryset = associations
    field.label = label


class ActingAssociationForm(forms.Form):
    """A form done on behalf of one of the associations the user may act for."""

    association = _acting_association_field()

    def __init__(self, *args, associations, association_label, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_acting_association(self, associations, association_label)


class NominationForm(ActingAssociationForm):
    name = forms.CharField(label=_("The candidate's name"), max_length=150)
    email = forms.EmailField(
        label=_("The candidate's e-mail address"),
        help_text=_(
            "The candidate confirms the candidacy personally, logged in with an account of their "
            "own at this address; you cannot confirm it for them."
        ),
    )
    candidate_association = forms.ModelChoiceField(
        queryset=None,
        label=_("The candidate's association"),
        help_text=_("The candidate must be active in an approved association."),
    )
    presentation = forms.CharField(
        label=_("Presentation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. A few lines about the candidate, shown with the candidacy."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, association_label=_("Nominated by"), **kwargs)
        self.fields["candidate_association"].queryset = approved_associations().order_by("name")


class BallotForm(ActingAssociationForm):
    candidates = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        allowed = election.choices_allowed
        field = self.fields["candidates"]
        field.queryset = (
            ballot_candidates(election).select_related("association").order_by("name", "pk")
        )
        field.label = ngettext(
            "Vote for at most %(count)d candidate",
            "Vote for at most %(count)d candidates",
            allowed,
        ) % {"count": allowed}
        field.help_text = _("Tick none to vote blank.")

    def cast(self, *, user, on_paper=False):
        """Cast the ballot through the service; False, with the reason on the form, if refused."""
        try:
            ballot_cast(
                election=self.election,
                association=self.cleaned_data["association"],
                candidates=list(self.cleaned_data["candidates"]),
                user=user,
                on_paper=on_paper,
            )
        except ElectionError as error:
            self.add_error(None, str(error))
            return False
        return True

    def clean_candidates(self):
        candidates = self.cleaned_data["candidates"]
        allowed = self.election.choices_allowed
        if len(candidates) > allowed:
            raise forms.ValidationError(
                ngettext(
                    "You ticked %(chosen)d; tick at most %(count)d candidate.",
                    "You ticked %(chosen)d; tick at most %(count)d candidates.",
                    allowed,
                )
                % {"chosen": len(candidates), "count": allowed}
            )
        return candidates


class ProposalForm(forms.ModelForm):
    association = _acting_association_field()

    class Meta:
        model = AgendaProposal
        fields = ["association", "title", "description"]

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_acting_association(self, associations, _("Proposed by"))
