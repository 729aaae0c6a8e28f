"""Admin helpers: the dashboard's panels on the admin index (core/dashboard.py)."""

from django import template

from core import dashboard

register = template.Library()


@register.simple_tag
def dashboard_panels(user) -> list:
    if user is None or not user.is_authenticated:
        return []
    return dashboard.panels_for(user)
