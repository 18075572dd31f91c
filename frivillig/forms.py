from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from frivillig.accounts import password_reset_allowed
from frivillig.models import AwardCategory, User
from frivillig.ratelimit import client_key, rate_limit_allow


class HoneypotForm(forms.Form):
    """A form with a field people never see (hidden by CSS); bots fill it in and are quietly
    ignored. Put it last in `field_order`; views take it through `public_form_submit`."""

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get("homepage"))


def public_form_submit(request, form, *, scope, limit, limited_message, save):
    """The one way a public form takes a POST: validate, count it against the visitor's `limit`
    an hour under `scope`, then `save(cleaned_data)`. True when the view should answer as done;
    False on a GET, on errors, or when `save` put its reason on the form.

    A filled-in hidden field means a bot: it is answered as done and nothing is saved. It is
    counted first, like anyone, so it learns nothing from the limit either.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    if not rate_limit_allow(scope=scope, key=client_key(request), limit=limit):
        form.add_error(None, limited_message)
        return False
    if not form.is_spam():
        save(form.cleaned_data)
    return not form.errors


class SignupForm(HoneypotForm):
    """Create an account. Whether the address already has one is never revealed here."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link to confirm the address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2", "homepage"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form that sends nothing once the client address or the account has used
    its hour's e-mails; the page that follows is the same either way."""

    def save(self, *, request, **kwargs):
        if password_reset_allowed(request, self.cleaned_data["email"]):
            super().save(request=request, **kwargs)


class SlugFilter(forms.ModelChoiceField):
    """A ModelChoiceField whose choices and objects can come from a list the caller keeps
    (`offer`), so that a page of searches asks the database for neither."""

    offered = None

    def offer(self, objects):
        self.offered = {obj.slug: obj for obj in objects}
        self.choices = [
            ("", self.empty_label),
            *((obj.slug, self.label_from_instance(obj)) for obj in objects),
        ]

    def to_python(self, value):
        if self.offered is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.offered[str(value)]
        except KeyError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


def slug_filter(label, queryset):
    """An optional filter that picks one object by its slug, so the URL reads ?egn=ringeegnen."""
    return SlugFilter(
        label=label, queryset=queryset, to_field_name="slug", required=False, empty_label=_("All")
    )


def drop_empty_choices(form, **models):
    """Leave out a choice whose table is empty (a municipality without regions, say)."""
    for name, model in models.items():
        if not model.objects.exists():
            del form.fields[name]


class NominationForm(HoneypotForm):
    category = forms.ModelChoiceField(
        label=_("Award"),
        queryset=AwardCategory.objects.filter(is_open=True).order_by("order", "name"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the award you nominate for.")},
    )
    nominee_name = forms.CharField(
        label=_("Who do you nominate?"),
        max_length=150,
        help_text=_("A person, or a group of volunteers."),
        error_messages={"required": _("Enter the name of the person or group you nominate.")},
    )
    nominee_association = forms.CharField(
        label=_("Association (optional)"),
        max_length=200,
        required=False,
        help_text=_("The association the nominee volunteers in, or the association you nominate."),
    )
    reason = forms.CharField(
        label=_("Why do they deserve the award?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us why you nominate them.")},
    )
    nominator_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    nominator_email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "We send you a receipt. Only the volunteer consultant sees your name and address."
        ),
        error_messages={"required": _("Enter your e-mail address, so that we can reply.")},
    )
    field_order = [
        "category",
        "nominee_name",
        "nominee_association",
        "reason",
        "nominator_name",
        "nominator_email",
        "homepage",
    ]


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
