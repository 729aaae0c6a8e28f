"""`{% fragment "name" part… depends="editions core" objects=refs %}…{% endfragment %}`: a block kept in the shared
cache until a write to one of the apps it shows, or to one of the things `objects` names (core/fragments.py).
Everything the block reads must be lazy in the context (`core.fragments.deferred`, querysets, or a callable the
block calls: `{% with task=full_task %}`) so that a cached block costs no query."""

from django import template
from django.apps import apps
from django.utils.safestring import mark_safe

from core.fragments import cached_fragment, note_named_models

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, depends, objects):
        self.nodelist, self.name, self.parts, self.depends, self.objects = nodelist, name, parts, depends, objects

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        depends = self.depends.resolve(context).split()
        objects = self.objects.resolve(context) if self.objects is not None else ()
        return mark_safe(  # the block's own rendered output, escaped where it was rendered
            cached_fragment(
                context.get("request"), name, parts, depends, lambda: self.nodelist.render(context), objects or ()
            )
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    objects = None
    if len(bits) > 3 and bits[-1].startswith("objects="):
        objects = parser.compile_filter(bits.pop().removeprefix("objects="))
    if len(bits) < 3 or not bits[-1].startswith("depends="):
        raise template.TemplateSyntaxError(
            f'{bits[0]} needs a name, key parts and depends="app …" last (or before objects=…)'
        )
    depends = bits[-1].removeprefix("depends=")
    if depends[:1] in "\"'" and depends[-1:] == depends[:1]:  # a literal: its models are read from now on
        models = [label for label in depends[1:-1].split() if "." in label]
        for label in models:
            try:
                apps.get_model(label)
            except (LookupError, ValueError) as error:
                raise template.TemplateSyntaxError(f"{bits[0]}: no model {label!r}") from error
        note_named_models(models)
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:-1]],
        parser.compile_filter(depends),
        objects,
    )
