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
            return render(request, "410.html", {"obj": exception.obj}, status=410)
        return None
