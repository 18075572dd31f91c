from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class MemberAddForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("email"),
        help_text=_("The person's account on the portal; they get the assessor role."),
    )
    external = forms.BooleanField(
        label=_("External assessor (not employed by the municipality)"), required=False
    )


class ConfidentialityForm(forms.Form):
    signed = forms.BooleanField(label=_("I sign the declaration above"))


class DeclarationForm(forms.Form):
    impartial = forms.TypedChoiceField(
        label=_("Are you impartial towards this application?"),
        choices=[
            ("yes", _("Yes, I am impartial")),
            ("no", _("No, I am not impartial and stand aside")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why not (when you are not impartial)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class ScoresForm(forms.Form):
    """A score and a comment for each of the pool's criteria."""

    def __init__(self, *args, criteria, initial_scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            value, comment = initial_scores.get(criterion.pk, (None, ""))
            self.fields[f"value_{criterion.pk}"] = forms.IntegerField(
                label=_("Score (0–%(max)s)") % {"max": criterion.scale_max or "?"},
                min_value=0,
                max_value=criterion.scale_max,
                initial=value,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
            )

    def rows(self):
        return [(c, self[f"value_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self):
        data = self.cleaned_data
        return {c: (data[f"value_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class RecommendationForm(forms.Form):
    """A recommended amount and a reason for each undecided application; the reason is a
    text block of the pool's, which the consultant may edit."""

    def __init__(self, *args, rows, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_rows = rows
        self.blocks = {str(block.pk): block for block in blocks}
        choices = [("", _("– write your own –"))] + [(k, b.title) for k, b in self.blocks.items()]
        for row in rows:
            application = row.application
            self.fields[f"amount_{application.pk}"] = forms.IntegerField(
                label=_("Recommended amount"),
                required=False,
                min_value=0,
                initial=application.recommended_amount,
            )
            self.fields[f"block_{application.pk}"] = forms.ChoiceField(
                label=_("Reason text"), required=False, choices=choices
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                initial=application.recommendation_reason,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
            )

    def rows(self):
        return [
            (
                row,
                self[f"amount_{row.application.pk}"],
                self[f"block_{row.application.pk}"],
                self[f"reason_{row.application.pk}"],
            )
            for row in self.list_rows
        ]

    def lines(self):
        data, lines = self.cleaned_data, {}
        for row in self.list_rows:
            pk = row.application.pk
            reason = data[f"reason_{pk}"].strip()
            block = self.blocks.get(data[f"block_{pk}"])
            if block is not None and not reason:
                reason = block.text
            lines[pk] = (data[f"amount_{pk}"], reason)
        return lines
