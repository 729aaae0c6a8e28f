"""Two-factor sign-in to the admin (TOTP, with recovery codes), on django-otp.

Required of "Người duyệt", "Quản trị" and superusers (they publish and manage accounts); optional for editors, and
required of anyone once they have set it up. After the password, `TwoFactorMiddleware` sends such an account to
set-up (scan a QR code in an authenticator app, confirm with a code, keep ten recovery codes) or to verification (a
code from the app, or one recovery code, each usable once) before any other admin page. README: "Hai bước".
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import PUBLISHER, ROLE_RANK, rank

RECOVERY_CODES = 10
SETUP_DEVICE = "Ứng dụng xác thực"
RECOVERY_DEVICE = "Mã khôi phục"


def two_factor_required(user) -> bool:
    """Reviewers, administrators and superusers always; anyone who has set up a device."""
    if not (user.is_authenticated and user.is_staff):
        return False
    return user.is_superuser or rank(user) >= ROLE_RANK[PUBLISHER] or user_has_device(user, confirmed=True)


def _admin_prefix(path: str) -> bool:
    return path.startswith("/quan-tri/") or path.startswith("/en/quan-tri/")


OPEN_PATHS = ("login/", "logout/", "jsi18n/", "hai-buoc/")


class TwoFactorMiddleware:
    """Put after django-otp's OTPMiddleware: an account that needs a second factor sees no admin page but the
    sign-in, sign-out and two-factor pages until it has given one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if _admin_prefix(path) and not any(f"quan-tri/{p}" in path for p in OPEN_PATHS):
            user = getattr(request, "user", None)
            if user is not None and two_factor_required(user) and not user.is_verified():
                step = "core_two_factor_verify" if user_has_device(user, confirmed=True) else "core_two_factor_setup"
                return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục (mỗi mã dùng một lần)."),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok and target.startswith("/") else reverse("admin:index")


def _context(request, **extra) -> dict:
    from django.contrib import admin

    return {**admin.site.each_context(request), "next": _next(request), **extra}


def _staff(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied(_("Chỉ tài khoản biên tập mới dùng được trang này."))
        return view(request, *args, **kwargs)

    return login_required(never_cache(wrapped), login_url="admin:login")


def _new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@_staff
def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn (hoặc đã dùng). Hãy thử mã mới."))
    title = _("Xác thực hai bước")
    return TemplateResponse(request, "admin/two_factor/verify.html", _context(request, form=form, title=title))


@_staff
def setup(request):
    """Set up (or replace) the authenticator app: the QR code and key, confirmed by a first code."""
    confirmed = user_has_device(request.user, confirmed=True)
    if confirmed and not request.user.is_verified():
        return redirect(f"{reverse('core_two_factor_verify')}?next={request.get_full_path()}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
        user=request.user, name=SETUP_DEVICE, confirmed=False
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
                device.confirmed = True
                device.save()
                codes = _new_recovery_codes(request.user)
            otp_login(request, device)
            context = _context(request, codes=codes, title=_("Mã khôi phục"))
            return TemplateResponse(request, "admin/two_factor/codes.html", context)
        form.add_error("token", _("Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiện."))
    import segno

    qr = mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("Mã QR thiết lập")))
    context = _context(
        request,
        form=form,
        qr=qr,
        secret=_base32(device.bin_key),
        confirmed=confirmed,
        required=two_factor_required(request.user) or not confirmed,
        title=_("Thiết lập xác thực hai bước"),
    )
    return TemplateResponse(request, "admin/two_factor/setup.html", context)


@_staff
def recovery_codes(request):
    """New recovery codes (the old ones stop working); only after a second factor in this session."""
    if request.method != "POST" or not request.user.is_verified():
        return redirect(reverse("core_two_factor_setup"))
    codes = _new_recovery_codes(request.user)
    return TemplateResponse(
        request, "admin/two_factor/codes.html", _context(request, codes=codes, title=_("Mã khôi phục"))
    )


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
