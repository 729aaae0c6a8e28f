from django.http import HttpResponse


def _stub(request, **kwargs):
    return HttpResponse("")


edition_list = series_list = series_detail = topic_list = person_list = person_detail = _stub
organisation_list = figure_list = source_list = _stub
