from django.http import HttpResponse


def _stub(request, **kwargs):
    return HttpResponse("")


document_list = document_detail = task_detail = _stub
