from django.http import HttpResponse


def _stub(request, **kwargs):
    return HttpResponse("")


home = edition_detail = series_edition_detail = topic_detail = organisation_detail = _stub


def page_not_found(request, exception=None):
    return HttpResponse("404", status=404)


def server_error(request):
    return HttpResponse("500", status=500)
