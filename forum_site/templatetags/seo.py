from django import template

from forum_site.structured_data import jsonld_script

register = template.Library()


@register.simple_tag
def jsonld(obj=None):
    """schema.org JSON-LD for `obj` (or the WebSite with its search action when omitted)."""
    return jsonld_script(obj)
