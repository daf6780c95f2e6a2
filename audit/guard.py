"""The permission check every service makes before it writes, so that no path — a page, the API,
an upload — can write what `accounts.permissions.TABLE` does not let the acting user write.

The acting user is audit's current actor: the request's user, or whoever `acting_as` names. Writes
with no user acting are the system's own (the console commands, the importers run by whoever
operates the server, the demo loader, data migrations) and pass.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts import permissions
from audit.services import current_actor


def _refuse() -> None:
    raise PermissionDenied(_("Du har ikke adgang til at ændre dette."))


def require(action: str, kind: str, *sites) -> None:
    """The acting user may do `action` to objects of `kind` on every one of `sites` (or at all)."""
    user, _name = current_actor()
    if user is None:
        return
    if permissions.scope(user, action, kind) is None:
        _refuse()
    wanted = {getattr(site, "pk", site) for site in sites if site is not None}
    if wanted:
        allowed = permissions.sites_in_scope(user, action, kind).filter(pk__in=wanted)
        if set(allowed.values_list("pk", flat=True)) != wanted:
            _refuse()


def require_object(action: str, obj) -> None:
    """The acting user may do `action` to this visit, report, statement, trial action or meeting."""
    user, _name = current_actor()
    if user is not None and not permissions.can(user, action, obj):
        _refuse()
