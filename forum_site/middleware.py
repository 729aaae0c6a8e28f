"""Headers every response carries: a strict Content-Security-Policy (no inline script or style)."""

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class RequestSizeLimitMiddleware:
    """Refuse a request body over `REQUEST_MAX_BYTES` (by its Content-Length) before anything reads it: 413.

    Django's own limits (`DATA_UPLOAD_MAX_MEMORY_SIZE`, `DATA_UPLOAD_MAX_NUMBER_FIELDS`) leave file uploads out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.http import HttpResponse
        from django.utils.translation import gettext as _

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            message = _("Dữ liệu gửi lên quá lớn (tối đa %(mb)s MB).") % {"mb": settings.REQUEST_MAX_BYTES // 2**20}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin ships inline scripts of its own; CSP applies to the public site.
        if not request.path.startswith("/quan-tri/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class GoneAndMovedMiddleware:
    """Turns lookup outcomes into responses: 410 page for withdrawn things, 301 for old slugs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import HttpResponsePermanentRedirect
        from django.shortcuts import render

        from core.lookup import Gone, MovedPermanently

        if isinstance(exception, MovedPermanently):
            return HttpResponsePermanentRedirect(exception.url)
        if isinstance(exception, Gone):
            return render(request, "410.html", {"obj": exception.obj, "label": exception.label}, status=410)
        return None
