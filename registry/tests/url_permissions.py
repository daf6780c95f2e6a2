"""Who may open and post to every registry URL, for the allowed and the forbidden site.

Objects a URL needs beyond the world (a department, a team member) are made in `kwargs`, inside
the savepoint each request is rolled back in.
"""

import datetime

from accounts.tests.url_table import Case, everyone
from registry.models import Department, TeamMember

READ = everyone(200, provider=404)
READ_FORBIDDEN = everyone(404, administrator=200, evaluator=200)
REGISTRY_GET = everyone(200, provider=404)
REGISTRY_POST = everyone(302, provider=404)
MANAGERS_GET = everyone(404, administrator=200, evaluator=200)
MANAGERS_POST = everyone(404, administrator=302, evaluator=302)


def _site(world, which):
    return {"pk": world.sites[which].pk}


def _department(world, which):
    department, _ = Department.objects.get_or_create(site=world.sites[which], name="Hus A")
    return {"pk": department.pk}


def _member(world, which):
    member = TeamMember.objects.create(
        site=world.sites[which], name="Lene Leder", role="manager", starts_on=datetime.date(2019, 1, 1)
    )
    return {"pk": member.pk}


def _profile_data(world, which):
    site = world.sites[which]
    return {
        "name": site.name,
        "programme": site.programme_id,
        "region": site.region,
        "ownership": site.ownership,
        "places": 10,
        "permanent_staff": 18,
        "age_min": 12,
        "age_max": 18,
        "target_group_notes": "Unge med omsorgssvigt.",
    }


def _create_data(world, which):
    return {**_profile_data(world, which), "code": "NYT", "name": "Nyt sted", "joined_on": "01.02.2024"}


def _membership_data(world, which):
    return {"joined_on": "01.01.2018", "left_on": "", "left_reason": ""}


def _department_data(world, which):
    return {"name": "Hus B", "address": "Skovvej 2", "separate_address": "on"}


def _member_data(world, which):
    return {"name": "Ny Medarbejder", "role": "staff", "starts_on": "01.03.2024"}


def _assignment_data(world, which):
    consultant = world.users["consultant"].consultant
    other = (datetime.date.today() - datetime.timedelta(days=10)).strftime("%d.%m.%Y")
    if world.sites[which].assignments.filter(consultant=consultant).exists():
        consultant = world.sites["forbidden"].assignments.first().consultant
    return {"consultant": consultant.pk, "starts_on": other, "reason": "Konsulenten gik på barsel."}


CASES = [
    Case(
        "registry:site_detail",
        allowed=everyone(200, provider=404),
        forbidden=everyone(404, administrator=200, evaluator=200),
        kwargs=_site,
    ),
    Case("registry:site_create", allowed=MANAGERS_GET),
    Case("registry:site_create", allowed=MANAGERS_POST, method="post", data=_create_data),
    Case("registry:site_update", allowed=REGISTRY_GET, forbidden=READ_FORBIDDEN, kwargs=_site),
    Case(
        "registry:site_update",
        allowed=REGISTRY_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_profile_data,
    ),
    Case("registry:site_membership", allowed=MANAGERS_GET, forbidden=MANAGERS_GET, kwargs=_site),
    Case(
        "registry:site_membership",
        allowed=MANAGERS_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_membership_data,
    ),
    Case("registry:department_list", allowed=REGISTRY_GET, forbidden=READ_FORBIDDEN, kwargs=_site),
    Case(
        "registry:department_list",
        allowed=REGISTRY_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_department_data,
    ),
    Case("registry:department_update", allowed=REGISTRY_GET, forbidden=READ_FORBIDDEN, kwargs=_department),
    Case(
        "registry:department_delete",
        allowed=REGISTRY_POST,
        forbidden=MANAGERS_POST,
        kwargs=_department,
        method="post",
    ),
    Case("registry:team_list", allowed=REGISTRY_GET, forbidden=READ_FORBIDDEN, kwargs=_site),
    Case(
        "registry:team_list",
        allowed=REGISTRY_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_member_data,
    ),
    Case("registry:team_member_update", allowed=REGISTRY_GET, forbidden=READ_FORBIDDEN, kwargs=_member),
    Case("registry:assignment_list", allowed=REGISTRY_GET, forbidden=READ_FORBIDDEN, kwargs=_site),
    Case(
        "registry:assignment_list",
        allowed=MANAGERS_POST,
        forbidden=MANAGERS_POST,
        kwargs=_site,
        method="post",
        data=_assignment_data,
        note="only evaluators and administrators change a site's consultant",
    ),
]
