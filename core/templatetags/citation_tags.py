"""`{% citation obj as cite %}`: the cite box's data (press style, APA, downloads) for any thing declared citable."""

from django import template

from core.citations import CiteBox, cite_box
from core.clock import today

register = template.Library()


@register.simple_tag
def citation(obj) -> CiteBox:
    return cite_box(obj, accessed=today())
