"""The URL-permission table: every URL of the application × every role.

Each app with URLs lists its cases in `<app>/tests/url_permissions.py` as `CASES = [Case(...), ...]`;
`accounts/tests/test_url_permissions.py` runs them all and fails for a URL that has no case.

A case names the URL, how to build its kwargs from the test world for the *allowed* site (the one the
consultant is assigned to and the team member belongs to) and for the *forbidden* site, and the
expected status per role for each. Roles: administrator, evaluator, consultant, team_member, provider,
anonymous.
"""

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from accounts.models import Role
from accounts.tests.factories import UserFactory
from codebook.models import Code
from fieldwork.models import JointMeeting, ReportSection
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory

ROLES = ("administrator", "evaluator", "consultant", "team_member", "provider", "anonymous")


@dataclass(frozen=True)
class Case:
    url_name: str
    allowed: dict[str, int]
    forbidden: dict[str, int] | None = None
    kwargs: Callable[["World", str], dict] | None = None
    method: str = "get"
    data: Callable[["World", str], dict] | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def expected(self, role: str, which: str) -> int:
        table = self.allowed if which == "allowed" or self.forbidden is None else self.forbidden
        return table[role]


def everyone(status: int, **overrides: int) -> dict[str, int]:
    table = {role: status for role in ROLES}
    table["anonymous"] = 302
    table.update(overrides)
    return table


@dataclass
class World:
    users: dict
    sites: dict
    visits: dict
    reports: dict
    sections: dict
    factors: dict
    trial_actions: dict
    joint_meeting: object
    code: object


def build_world() -> World:
    """Two sites: 'allowed' (assigned to the consultant, home of the team member) and 'forbidden'."""

    today = datetime.date.today()
    sites = {"allowed": SiteFactory(code="ALW"), "forbidden": SiteFactory(code="FRB")}
    users = {
        "administrator": UserFactory(username="t-admin", role=Role.ADMINISTRATOR),
        "evaluator": UserFactory(username="t-evaluator", role=Role.EVALUATOR),
        "consultant": UserFactory(username="t-consultant", role=Role.CONSULTANT),
        "team_member": UserFactory(username="t-team", role=Role.TEAM_MEMBER, site=sites["allowed"]),
        "provider": UserFactory(username="t-provider", role=Role.PROVIDER),
    }
    consultant = ConsultantFactory(user=users["consultant"])
    AssignmentFactory(
        site=sites["allowed"], consultant=consultant, starts_on=today - datetime.timedelta(days=400)
    )
    AssignmentFactory(
        site=sites["forbidden"],
        consultant=ConsultantFactory(),
        starts_on=today - datetime.timedelta(days=400),
    )
    visits, reports, sections, factors, trial_actions = {}, {}, {}, {}, {}
    for which, site in sites.items():
        first = VisitFactory(site=site, planned_on=today - datetime.timedelta(days=90))
        VisitFactory(
            site=site,
            planned_on=today + datetime.timedelta(days=30),
            held_on=None,
            status="planned",
            phase="",
        )
        visits[which] = first
        reports[which] = ReportFactory(
            visit=first, sections={"leadership": "Ledelsen går forrest med klare rammer."}
        )
        sections[which] = ReportSection.objects.get(report=reports[which], theme="leadership")
        factors[which] = FactorFactory(report=reports[which])
        trial_actions[which] = TrialActionFactory(agreed_at=first)
    meeting = JointMeeting.objects.create(
        held_on=today - datetime.timedelta(days=60), title="Fællesmøde", minutes="Referat"
    )
    meeting.sites.set(sites.values())
    return World(
        users=users,
        sites=sites,
        visits=visits,
        reports=reports,
        sections=sections,
        factors=factors,
        trial_actions=trial_actions,
        joint_meeting=meeting,
        code=Code.objects.get(kind="driver", key="competence"),
    )


def collect_cases() -> list[Case]:
    """Every case from every `<app>/tests/url_permissions*.py` module of the project."""

    cases: list[Case] = []
    for module_file in sorted(Path(settings.BASE_DIR).glob("*/tests/url_permissions*.py")):
        app = module_file.parent.parent.name
        module = importlib.import_module(f"{app}.tests.{module_file.stem}")
        cases.extend(module.CASES)
    return cases
