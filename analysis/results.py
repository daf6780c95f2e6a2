"""The analysis as every page, the API and the reports read it: computed once per data version
(`audit.data_version`) and kept in the cache all workers share (`CACHES["shared"]`), with the
newest results also kept in this process so that a page does not unpickle them on every request.

A result is stored under the version read before computing it, so a write that lands meanwhile
makes the next reader compute again; nothing is ever served for data older than its key. The key
also carries a digest of the analysis code (`CODE`), so after a deploy that changes what is computed
or the shape of the records, no worker reads what the code before it cached (the shared cache
outlives a deploy; a pickled record of another shape would fail or, worse, mislead).
"""

import hashlib
from collections import OrderedDict
from pathlib import Path

from django.core.cache import caches

from analysis import services
from analysis.computations.records import AnalysisInput
from analysis.computations.result import AnalysisResult, SiteStatus
from analysis.computations.serialize import analysis_json
from audit import data_version
from registry.models import Site

CACHE_ALIAS = "shared"
_HERE = Path(__file__).resolve().parent
CODE = hashlib.sha256(
    b"".join(
        path.read_bytes()
        for path in sorted([*_HERE.glob("computations/*.py"), _HERE / "selectors.py", _HERE / "services.py"])
    )
).hexdigest()[:12]
IN_PROCESS = 16
_recent: OrderedDict[str, object] = OrderedDict()


def _cached(key: str, compute):
    if key in _recent:
        _recent.move_to_end(key)
        return _recent[key]
    shared = caches[CACHE_ALIAS]
    value = shared.get(key)
    if value is None:
        value = compute()
        shared.set(key, value)
    _recent[key] = value
    while len(_recent) > IN_PROCESS:
        _recent.popitem(last=False)
    return value


def forget() -> None:
    """Drop what this process and the shared cache hold (tests; after restoring a backup)."""
    _recent.clear()
    caches[CACHE_ALIAS].clear()


def _scope(programme: str | None) -> str | None:
    return None if programme in (None, "", "all") else programme


def _analysis_key(scope: str | None) -> str:
    return f"drivkraft:analysis:{CODE}:{data_version.current()}:{scope or 'all'}"


def analysis_result(programme: str | None = None) -> AnalysisResult:
    """The whole analysis for a programme code or all programmes (None or "all")."""
    scope = _scope(programme)
    return _cached(_analysis_key(scope), lambda: services.analyse(scope))


def analysis_payload(programme: str | None = None) -> dict:
    """The analysis as the API sends it (without statements), serialised once per data version:
    at 2,000 sites turning the result into JSON data takes longer than computing it."""
    scope = _scope(programme)
    key = f"drivkraft:analysis-json:{CODE}:{data_version.current()}:{scope or 'all'}"
    return _cached(key, lambda: analysis_json(analysis_result(scope), statements=False))


def site_input(site_code: str) -> AnalysisInput:
    """One site's analysis records, with its report texts: what decision support reads about a
    site (its alerts, dashboard and advice) instead of querying the fieldwork itself. Kept per
    version of that site's data, so an edit elsewhere leaves it cached."""
    key = f"drivkraft:site-input:{CODE}:{data_version.site_version(site_code)}:{site_code}"
    return _cached(key, lambda: services.site_input(site_code))


def site_status(site_code: str) -> SiteStatus:
    """One site's status (Site.DoesNotExist for an unknown code), computed over `site_input`. It
    reads no report text, so it follows the site's version apart from report texts: a consultant
    writing a report does not make every reader of the site recompute it."""
    key = f"drivkraft:site-status:{CODE}:{data_version.site_version_without_texts(site_code)}:{site_code}"
    return _cached(key, lambda: services.site_status(site_code, site_input(site_code)))


def site_degrees(*, compute_up_to: int | None = None) -> dict[str, str | None] | None:
    """Site code → degree of goal-directed implementation (after overrides), from the analysis.

    With `compute_up_to`, None when the analysis of this data version is not cached yet and there
    are more sites than a page request should wait for (the analysis pages compute it then).
    """
    key = _analysis_key(None)
    if compute_up_to is not None and key not in _recent and key not in caches[CACHE_ALIAS]:
        if Site.objects.count() > compute_up_to:
            return None
    return {summary.code: summary.degree for summary in analysis_result(None).sites}
