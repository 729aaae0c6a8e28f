"""{% invariant %}: blocks that show nothing of the request, the reader or the content are rendered once per
process and language (core/templatetags/site_tags.py)."""

from pathlib import Path

from django.template import Context, Template, engines
from django.template.base import TokenType, VariableNode
from django.utils import translation

from core.templatetags.site_tags import InvariantNode

ROOT = Path(__file__).resolve().parents[2]
# Context variables an invariant block may show: the same for every page, reader and request.
CONSTANT = {"SITE_NAME"}


def test_a_block_is_rendered_once_per_language():
    template = Template("{% load i18n site_tags %}{% invariant %}{{ n }} {% translate 'Tìm' %}{% endinvariant %}")
    with translation.override("vi"):
        assert template.render(Context({"n": 1})) == "1 Tìm"
        assert template.render(Context({"n": 2})) == "1 Tìm"  # kept: which is why no page variable goes inside
    with translation.override("en"):
        assert template.render(Context({"n": 3})) == "3 Search"


def _invariant_nodes(nodelist):
    for node in nodelist:
        if isinstance(node, InvariantNode):
            yield node
        for name in getattr(node, "child_nodelists", ()):
            yield from _invariant_nodes(getattr(node, name, None) or [])


def _variables(nodelist):
    for node in nodelist:
        if isinstance(node, VariableNode):
            yield node.filter_expression.var.var if hasattr(node.filter_expression.var, "var") else ""
        for token in [*getattr(node, "singular", ()), *(getattr(node, "plural", None) or ())]:  # blocktranslate
            if token.token_type == TokenType.VAR:
                yield token.contents
        for name in getattr(node, "child_nodelists", ()):
            yield from _variables(getattr(node, name, None) or [])
        for attribute in ("nodelist", "nodelist_true", "nodelist_false"):  # blocktranslate keeps its own
            inner = getattr(node, attribute, None)
            if inner is not None and attribute not in getattr(node, "child_nodelists", ()):
                yield from _variables(inner)


def test_no_invariant_block_of_the_site_shows_a_variable_of_the_page():
    engine = engines["django"].engine
    found = 0
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]:
        if ".venv" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "{% invariant" not in source:
            continue
        for block in _invariant_nodes(engine.from_string(source).nodelist):
            found += 1
            shown = {name.split(".")[0] for name in _variables(block.nodelist)}
            assert shown <= CONSTANT, (path, shown - CONSTANT)
    assert found >= 8  # base.html and the header's search form
