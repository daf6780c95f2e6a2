"""Writes about users: the demo users, one per role of DESIGN.md section 2."""

import os
import secrets

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Role, User

DEMO_STAFF_USERS = [
    ("admin", Role.ADMINISTRATOR, "Administrator"),
    ("evaluator", Role.EVALUATOR, "Evaluator"),
    ("consultant1", Role.CONSULTANT, "Konsulent"),
    ("provider", Role.PROVIDER, "Programudbyder"),
]


def demo_password() -> tuple[str, bool]:
    """DRIVKRAFT_DEMO_PASSWORD when set, else a fresh random one (never a fixed password)."""
    configured = os.environ.get("DRIVKRAFT_DEMO_PASSWORD", "")
    if configured:
        return configured, True
    return secrets.token_urlsafe(12), False


@transaction.atomic
def demo_users_create(*, password: str) -> dict[str, User]:
    """Create or reset admin, evaluator, consultant1 and provider with the given password."""
    encoded = make_password(password)
    users = {}
    for username, role, first_name in DEMO_STAFF_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.site = None
        user.first_name = first_name
        user.last_name = "(demo)"
        user.is_staff = role == Role.ADMINISTRATOR
        user.is_superuser = role == Role.ADMINISTRATOR
        user.is_active = True
        user.password = encoded
        user.full_clean()
        user.save()
        users[username] = user
    return users


def demo_team_username(site_code: str) -> str:
    return f"team-{site_code.lower()}"


@transaction.atomic
def demo_team_users_create(*, password: str, sites) -> list[str]:
    """One team-member user per site (`team-<code>`), saved in bulk for large demo datasets.

    All share one password hash: hashing thousands of times would take minutes for no gain.
    """
    encoded = make_password(password)
    sites = list(sites)
    wanted = {demo_team_username(site.code): site for site in sites}
    existing = {u.username: u for u in User.objects.filter(username__in=list(wanted))}
    fresh, changed = [], []
    for username, site in wanted.items():
        user = existing.get(username) or User(username=username)
        user.role = Role.TEAM_MEMBER
        user.site = site
        user.first_name = "Team"
        user.last_name = site.code
        user.is_staff = user.is_superuser = False
        user.is_active = True
        user.password = encoded
        (changed if user.pk else fresh).append(user)
    User.objects.bulk_create(fresh, batch_size=2000)
    if changed:
        User.objects.bulk_update(
            changed,
            ["role", "site", "first_name", "last_name", "is_staff", "is_superuser", "is_active", "password"],
        )
    return sorted(wanted)
