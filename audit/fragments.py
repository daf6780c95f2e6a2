"""Rendered parts of pages kept in the cache all workers share, so that a page asked for again with
nothing changed is not rendered again (Django's template engine is most of a page's CPU).

The caller names everything the part shows in its key: the data versions it follows
(`audit.data_version`), the date and language, and every decision taken for the reader (which
links they may follow, which names they may read). The key also carries a digest of the
application's code, templates and translations, so a deploy never shows a part rendered by the
code before it. A part holds no form token or other per-session value.

Reads of free text made while rendering are captured beside the part and recorded again for each
reader shown it from the cache (`audit.reads.reads_captured`): the audit trail is the same whether
the part was rendered or not.
"""

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from audit.reads import reads_captured, record_reads

CACHE_ALIAS = "shared"
TIMEOUT = 6 * 60 * 60  # a part not asked for in a working morning is dropped
_SOURCES = (".py", ".html", ".mo")


@cache
def release() -> str:
    """A digest of the project's own code, templates and compiled translations, and of the Django
    whose template engine and widgets render them (installed packages are not read file by file)."""
    base = Path(settings.BASE_DIR).resolve()
    roots = {base / "templates", base / "locale", base / "config"}
    roots |= {Path(config.path).resolve() for config in apps.get_app_configs()}
    own = sorted(r for r in roots if r.is_dir() and r.parent == base)
    digest = hashlib.sha256(django.get_version().encode())
    for root in own:
        for path in sorted(root.rglob("*")):
            if path.suffix in _SOURCES and "tests" not in path.relative_to(base).parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def fragment_key(name: str, parts: tuple) -> str:
    shown = repr((translation.get_language(), parts)).encode()
    return f"drivkraft:fragment:{release()}:{name}:{hashlib.sha256(shown).hexdigest()}"


def cached_fragment(name: str, parts: tuple, render: Callable[[], str]) -> SafeString:
    """The part `render()` makes, from the cache when one was rendered for the same `parts`."""
    key = fragment_key(name, parts)
    shared = caches[CACHE_ALIAS]
    cached = shared.get(key)
    if cached is not None:
        html, reads = cached
        record_reads(reads)
        return mark_safe(html)  # noqa: S308 — rendered by the template engine, escaped there
    with reads_captured() as reads:
        html = str(render())
    shared.set(key, (html, reads), timeout=TIMEOUT)
    return mark_safe(html)  # noqa: S308 — as above
