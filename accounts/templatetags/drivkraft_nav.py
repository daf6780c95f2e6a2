"""The main navigation, built from accounts.permissions so templates never decide access."""

from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.urls import NoReverseMatch, get_script_prefix, reverse
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
    (_("Kodning"), ("coding:workspace",), permissions.can_code),
    (_("Kodningsrunder"), ("coding_rounds:list",), permissions.can_code),
    (_("Matrix"), ("analysis:matrix",), permissions.can_code),
    (_("Memoer"), ("coding:memo_list",), permissions.can_code),
    (_("Kodebog"), ("coding:codebook",), permissions.can_see_free_text),
    (_("Analyser"), ("analysis:index",), permissions.can_see_aggregates),
    (_("Udgivelse"), ("publishing:index",), permissions.can_publish),
    (_("Beslutningsstøtte"), ("decisions:index",), permissions.can_see_free_text),
    (_("Revision"), ("audit:log",), permissions.can_administer),
    (_("Administration"), ("admin:index",), permissions.can_administer),
)


def _first_url(names: tuple[str, ...]) -> str | None:
    return _first_url_under(names, get_script_prefix())


@lru_cache(maxsize=256)
def _first_url_under(names: tuple[str, ...], _prefix: str) -> str | None:
    """The URL conf does not change while the process runs: each menu URL is reversed once."""
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
    found = []
    for label, names, allowed in _ITEMS:
        url = _first_url(names) if allowed(user) else None
        if url is not None:
            found.append((label, url))
    prefixes = [
        url for _, url in found if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    current = max(prefixes, key=len, default=None)
    return [NavItem(label=label, url=url, active=url == current) for label, url in found]
