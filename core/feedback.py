"""Readers' error reports and suggestions: a form page (the only public page with a cookie, for CSRF),
protected by a honeypot and a per-address limit kept in the cache."""

from urllib.parse import urlencode, urlsplit

from django import forms
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.caching import RATE_WINDOW, private
from core.models import Feedback, FeedbackKind
from core.ratelimit import Limit, client_ip
from core.text import normalize

LIMIT_PER_HOUR = 5
MESSAGE_MAX = 3000


def clean_page_path(value: str) -> str:
    """A path on this site ("/dien-dan/2025/"), normalised, or "" — never another host.

    Only a same-site relative URL that `url_has_allowed_host_and_scheme` accepts: "/\\evil.example" and
    "//evil.example" are paths to the eye that browsers resolve to another host. The stored form keeps path and
    fragment (the query is dropped), percent-encoded, so what is shown later is exactly what was checked.
    """
    value = (value or "").strip()[:500]
    if not value.startswith("/") or not url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
        return ""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or "\\" in value or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return ""
    path = iri_to_uri(parts.path)
    if path.startswith("//"):
        return ""
    return path + (f"#{iri_to_uri(parts.fragment)}" if parts.fragment else "")


class FeedbackForm(forms.Form):
    page = forms.CharField(label=_("Trang được góp ý"), max_length=500, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Loại góp ý"), choices=FeedbackKind.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Nội dung góp ý"),
        max_length=MESSAGE_MAX,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Xin đừng ghi họ tên, số điện thoại hay thông tin cá nhân khác. Tối đa 3.000 ký tự."),
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def clean_page(self):
        page = clean_page_path(self.cleaned_data["page"])
        if not page:
            raise forms.ValidationError(_("Không rõ trang được góp ý."))
        return page

    def clean_message(self):
        return normalize(self.cleaned_data["message"].replace("\n", " \n ")).replace(" \n ", "\n")


FEEDBACK_LIMIT = Limit("feedback", LIMIT_PER_HOUR, RATE_WINDOW)


def rate_limited(request) -> bool:
    return FEEDBACK_LIMIT.exceeded(str(client_ip(request)))


def _count_submission(request) -> None:
    FEEDBACK_LIMIT.hit(str(client_ip(request)))


@transaction.atomic
def feedback_submit(*, page: str, kind: str, message: str) -> Feedback:
    return Feedback.objects.create(page=page, kind=kind, message=message)


@private
@require_http_methods(["GET", "POST"])
def feedback_view(request):
    page = clean_page_path(request.GET.get("trang", "") or request.POST.get("page", ""))
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if rate_limited(request):
            return render(request, "pages/feedback.html", {"form": form, "page": page, "limited": True}, status=429)
        if form.is_valid():
            _count_submission(request)
            if not form.cleaned_data["website"]:  # a filled honeypot gets the same answer, and nothing is stored
                feedback_submit(
                    page=form.cleaned_data["page"], kind=form.cleaned_data["kind"], message=form.cleaned_data["message"]
                )
            return redirect(f"{request.path}?{urlencode({'da-gui': 1, 'trang': form.cleaned_data['page']})}")
        return render(request, "pages/feedback.html", {"form": form, "page": page}, status=400)
    form = FeedbackForm(initial={"page": page, "kind": FeedbackKind.ERROR})
    return render(request, "pages/feedback.html", {"form": form, "page": page, "sent": "da-gui" in request.GET})
