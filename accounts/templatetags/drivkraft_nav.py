"""The main navigation, built from accounts.permissions so templates never decide access."""

from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts import permissions

register = template.Library()


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url names tried in order, who sees it). Pages of other apps show once their URL exists.
_ITEMS = (
    (_("Start"), ("home",), lambda user: True),
    (_("Søg"), ("fieldwork:search",), permissions.can_see_free_text),
    (_("Fællesmøder"), ("fieldwork:meeting_list",), permissions.can_see_free_text),
    (_("Kodning"), ("coding:workspace", "coding:passage_list", "coding:index"), permissions.can_code),
    (_("Matrix"), ("coding:matrix", "analysis:matrix"), permissions.can_code),
    (_("Memoer"), ("coding:memo_list",), permissions.can_code),
    (_("Kodebog"), ("coding:codebook", "coding:code_list"), permissions.can_see_free_text),
    (_("Analyser"), ("analysis:index", "analysis:overview"), permissions.can_see_aggregates),
    (_("Udgivelse"), ("publishing:index",), permissions.can_publish),
    (_("Beslutningsstøtte"), ("decisions:index", "decisions:dashboard"), permissions.can_see_free_text),
    (_("Administration"), ("admin:index",), permissions.can_administer),
)


def _first_url(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[NavItem]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for label, names, allowed in _ITEMS:
        if not allowed(user):
            continue
        url = _first_url(names)
        if url is None:
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append(NavItem(label=label, url=url, active=active))
    return items
