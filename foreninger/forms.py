from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from foreninger import selectors
from foreninger.models import Activity, Association
from frivillig.forms import HoneypotForm, slug_filter
from frivillig.models import FocusArea, Region, TargetGroup


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters; GET parameters with Danish names, so URLs read well."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    omraade = slug_filter(_("Focus area"), FocusArea.objects.order_by("number"))
    # Cleaned to the region the place lies in (the municipality's list of places).
    sted = forms.CharField(
        label=_("Postcode or town"),
        max_length=100,
        required=False,
        help_text=_("For example 5750 or Ringe: shows the associations in its region."),
    )
    egn = slug_filter(_("Region"), Region.objects.order_by("order", "name"))
    maalgruppe = slug_filter(_("Target group"), TargetGroup.objects.order_by("order", "name"))
    boern = forms.BooleanField(label=_("Activities for children under 15"), required=False)
    frivillige = forms.BooleanField(label=_("Looking for volunteers"), required=False)

    def __init__(self, *args, focus_area_label=None, filters=None, **kwargs):
        """`filters`: what `selectors.directory_filters` gives, if the caller keeps it."""
        super().__init__(*args, **kwargs)
        if focus_area_label:
            self.fields["omraade"].label = focus_area_label
        if filters is None:
            filters = selectors.directory_filters()
        for name in ("omraade", "egn", "maalgruppe"):
            self.fields[name].offer(filters[name])
        # A municipality without regions, target groups or a listed town: no such filter.
        if not filters["maalgruppe"]:
            del self.fields["maalgruppe"]
        if not filters["egn"]:
            del self.fields["egn"]
        if not (filters["egn"] and filters["towns_listed"]):
            del self.fields["sted"]

    def clean_sted(self):
        place = self.cleaned_data["sted"]
        if not place:
            return None
        regions = selectors.regions_of_place(place)
        if not regions:
            raise ValidationError(
                _(
                    "We do not know which region “%(place)s” lies in. Check the postcode or "
                    "the spelling, choose a region in the list, or search for the town in the "
                    "search field."
                ),
                code="unknown_place",
                params={"place": place},
            )
        if len(regions) > 1:
            raise ValidationError(
                _(
                    "“%(place)s” lies in more than one region: %(regions)s. Write the town's "
                    "name, or choose a region in the list."
                ),
                code="several_regions",
                params={"place": place, "regions": ", ".join(r.name for r in regions)},
            )
        return regions[0]

    def clean(self):
        data = super().clean()
        place_region, region = data.get("sted"), data.get("egn")
        if place_region and region and place_region != region:
            self.add_error(
                "sted",
                ValidationError(
                    _(
                        "“%(place)s” lies in %(place_region)s, not in %(region)s. Choose “All” "
                        "under Region, or remove the postcode or town."
                    ),
                    code="other_region",
                    params={
                        "place": self.place_text(),
                        "place_region": place_region.name,
                        "region": region.name,
                    },
                ),
            )
        return data

    def place_text(self):
        return self["sted"].value().strip() if "sted" in self.fields else ""

    def search_arguments(self):
        """Keyword arguments for `directory_search`, from the fields that are valid; a place
        gives its region."""
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q", ""),
            "focus_area": data.get("omraade"),
            "region": data.get("sted") or data.get("egn"),
            "target_group": data.get("maalgruppe"),
            "children": data.get("boern", False),
            "volunteers": data.get("frivillige", False),
        }


class AssociationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "kind",
            "cvr",
            "short_description",
            "description",
            "street",
            "postcode",
            "town",
            "website",
            "phone",
            "email",
            "focus_areas",
            "regions",
            "target_groups",
            "agreement_date",
            "agreement_file",
        ]
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "short_description": forms.Textarea(attrs={"rows": 2}),
            "agreement_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "agreement_date": _(
                "If you have a written cooperation agreement with the municipality."
            ),
            "agreement_file": _(
                "PDF or Word (DOCX), at most 10 MB. Only your members and the municipality can "
                "open it."
            ),
        }

    def __init__(self, *args, focus_area_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if focus_area_label:
            self.fields["focus_areas"].label = focus_area_label
        if not Region.objects.exists():
            del self.fields["regions"]

    def clean_cvr(self):
        # The database constraint guards this too; here it becomes a message on the field.
        cvr = self.cleaned_data["cvr"]
        if cvr and Association.objects.filter(cvr=cvr).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("An association with this CVR number is already registered."), code="unique"
            )
        return cvr

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agreement_file") and not cleaned.get("agreement_date"):
            self.add_error("agreement_date", _("Enter the date the agreement was signed."))
        return cleaned


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "target_groups",
            "involves_children_under_15",
            "wants_volunteers",
            "online",
            "street",
            "postcode",
            "town",
            "region",
            "when",
            "recurrence",
            "weekday",
            "starts_at",
            "ends_at",
            "contact_name",
            "contact_phone",
        ]
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not Region.objects.exists():
            del self.fields["region"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("online"):
            if not cleaned.get("street"):
                self.add_error(
                    "street", _("Enter where the activity takes place, or tick “online”.")
                )
            if not cleaned.get("postcode"):
                self.add_error("postcode", _("Enter the postcode of the place."))
        if cleaned.get("recurrence") and cleaned.get("weekday") is None:
            self.add_error("weekday", _("Choose the weekday the activity repeats on."))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end time must be after the start time."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the new member"))


class ContactForm(HoneypotForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The association replies to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea)

    field_order = ["name", "email", "message", "homepage"]


class ErrorReportForm(HoneypotForm):
    message = forms.CharField(label=_("What is wrong?"), max_length=3000, widget=forms.Textarea)
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Only if you want an answer."),
    )

    field_order = ["message", "name", "email", "homepage"]
