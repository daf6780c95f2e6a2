"""Write a checked dataset: codebook, users, programmes, sites and their fieldwork, codings."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from accounts.models import User
from accounts.privacy import mask_cpr
from codebook.models import Code, CodebookVersion
from coding.models import CodedPassage, CodingRound, Memo
from fieldwork.models import (
    ExternalEvent,
    Factor,
    ImplementationReport,
    JointMeeting,
    ReportSection,
    Score,
    SiteAssessment,
    TrialAction,
    Visit,
)
from registry.models import (
    Consultant,
    ConsultantAssignment,
    Department,
    Programme,
    ProgrammeElement,
    Site,
    TeamMember,
    VisitPlan,
)


@dataclass
class ImportSummary:
    counts: dict[str, int] = field(default_factory=dict)
    cpr_masked: int = 0

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


class Writer:
    def __init__(self, data: dict, summary: ImportSummary):
        self.data = data
        self.summary = summary
        self.visits: dict[str, Visit] = {}
        self.reports: dict[str, ImplementationReport] = {}
        self.members: dict[str, TeamMember] = {}

    def text(self, value: str | None) -> str:
        masked = mask_cpr(value or "")
        self.summary.cpr_masked += masked.count
        return masked.text

    def code(self, kind: str, key) -> Code | None:
        return self.codes.get((kind, key)) if key else None

    def write(self) -> None:
        self._codebook()
        self.users = {u.username: u for u in User.objects.all()}
        new_users = [row for row in self.data.get("users", []) if row["username"] not in self.users]
        for row in new_users:
            if not row.get("site"):
                self._user(row, site=None)
        self.programmes = {p.code: p for p in Programme.objects.all()}
        for row in self.data["programmes"]:
            if row["code"] in self.programmes:
                continue
            programme = Programme.objects.create(
                code=row["code"],
                name=row["name"],
                provider=row["provider"],
                training_months=row["training_months"],
                training_description=row.get("training_description", ""),
                character=row.get("character", ""),
            )
            for element in row.get("elements", []):
                ProgrammeElement.objects.create(
                    programme=programme,
                    name=element["name"],
                    description=element.get("description", ""),
                    sort_order=element.get("sort_order", 0),
                )
            self.programmes[programme.code] = programme
            self.summary.add("programmer")
        self.consultants = {c.name: c for c in Consultant.objects.all()}
        for row in self.data.get("consultants", []):
            if row["name"] not in self.consultants:
                self.consultants[row["name"]] = Consultant.objects.create(
                    name=row["name"],
                    background=row.get("background", ""),
                    email=row.get("email", ""),
                    user=self.users.get(row.get("user")) if row.get("user") else None,
                )
                self.summary.add("konsulenter")
        self.sites = {s.code: s for s in Site.objects.all()}
        for row in self.data["sites"]:
            self._site(row)
        for row in new_users:
            if row.get("site"):
                self._user(row, site=self.sites[row["site"]])
        for row in self.data.get("events", []):
            self._event(row, None)
        self.meetings = [self._meeting(row) for row in self.data.get("joint_meetings", [])]
        self._rounds()
        self._passages()
        self._memos()

    def _user(self, row: dict, site: Site | None) -> None:
        """Users arrive without passwords: an administrator sets one before they can log in."""
        user = User(
            username=row["username"],
            first_name=row.get("first_name", ""),
            last_name=row.get("last_name", ""),
            role=row["role"],
            site=site,
        )
        user.set_unusable_password()
        user.save()
        self.users[user.username] = user
        self.summary.add("brugere")

    def _codebook(self) -> None:
        versions = {v.number: v for v in CodebookVersion.objects.all()}
        for row in self.data.get("codebook", {}).get("versions", []):
            if row["number"] not in versions:
                versions[row["number"]] = CodebookVersion.objects.create(
                    number=row["number"], note=row.get("note", "")
                )
        self.versions = versions
        self.codes = {(c.kind, c.key): c for c in Code.objects.all()}
        pending = list(self.data.get("codebook", {}).get("codes", []))
        while pending:
            progressed = False
            for row in list(pending):
                parent_ref = row.get("parent")
                parent = None
                if parent_ref:
                    parent = self.codes.get((parent_ref["kind"], parent_ref["key"]))
                    if parent is None:
                        continue
                if (row["kind"], row["key"]) not in self.codes:
                    self.codes[(row["kind"], row["key"])] = Code.objects.create(
                        kind=row["kind"],
                        key=row["key"],
                        label_da=row["label_da"],
                        name_en=row["name_en"],
                        description_da=row.get("description_da", ""),
                        description_en=row.get("description_en", ""),
                        parent=parent,
                        number=row.get("number"),
                        sort_order=row.get("sort_order", 0),
                        is_retired=row.get("is_retired", False),
                    )
                    self.summary.add("koder")
                pending.remove(row)
                progressed = True
            if not progressed:
                raise ValidationError(f"kodebogen har koder med ukendt overordnet kode: {pending[0]['key']}")

    def _site(self, row: dict) -> None:
        site = Site.objects.create(
            code=row["code"],
            name=row["name"],
            programme=self.programmes[row["programme"]],
            region=row["region"],
            ownership=row["ownership"],
            places=row["places"],
            permanent_staff=row["permanent_staff"],
            age_min=row["age_min"],
            age_max=row["age_max"],
            internal_school=row.get("internal_school", False),
            target_group_notes=self.text(row.get("target_group_notes")),
            joined_on=row["joined_on"],
            left_on=row.get("left_on"),
            left_reason=self.text(row.get("left_reason")),
            is_fictional=row.get("is_fictional", False),
        )
        self.sites[site.code] = site
        self.summary.add("steder")
        for d in row.get("departments", []):
            Department.objects.create(
                site=site,
                name=d["name"],
                address=d.get("address", ""),
                separate_address=d.get("separate_address", False),
            )
        for a in row.get("assignments", []):
            ConsultantAssignment.objects.create(
                site=site,
                consultant=self.consultants[a["consultant"]],
                starts_on=a["starts_on"],
                ends_on=a.get("ends_on"),
                reason=self.text(a.get("reason")),
            )
        for m in row.get("team_members", []):
            self.members[m["ref"]] = TeamMember.objects.create(
                site=site,
                name=m["name"],
                role=m["role"],
                is_lead=m.get("is_lead", False),
                starts_on=m["starts_on"],
                ends_on=m.get("ends_on"),
            )
        for p in row.get("visit_plans", []):
            VisitPlan.objects.create(site=site, year=p["year"], planned_visits=p["planned_visits"])
        for v in row.get("visits", []):
            self._visit(site, v)
        for t in row.get("trial_actions", []):
            TrialAction.objects.create(
                agreed_at=self.visits[t["agreed_at"]],
                aim=self.text(t["aim"]),
                description=self.text(t.get("description")),
                driver=self.code("driver", t.get("driver")),
                carried_by=self.text(t.get("carried_by")),
                followed_up_at=self.visits[t["followed_up_at"]] if t.get("followed_up_at") else None,
                outcome=t.get("outcome") or "",
                learning=self.text(t.get("learning")),
            )
            self.summary.add("prøvehandlinger")
        for e in row.get("events", []):
            self._event(e, site)
        for a in row.get("assessments", []):
            assessment = SiteAssessment.objects.create(
                site=site,
                assessed_on=a["assessed_on"],
                leadership_style=a.get("leadership_style") or "",
                culture_type=a.get("culture_type") or "",
                notes=self.text(a.get("notes")),
                assessor=self.users.get(a.get("assessor")) if a.get("assessor") else None,
            )
            points = [
                self.codes[("attention_point", key)]
                for key in self._attention_keys(a.get("attention_points", []))
            ]
            assessment.attention_points_worked.set(points)
        for s in row.get("scores", []):
            Score.objects.create(
                site=site,
                kind=s["kind"],
                instrument=s.get("instrument", ""),
                period_start=s["period_start"],
                period_end=s["period_end"],
                value=s["value"],
            )

    def _attention_keys(self, numbers: list[int]) -> list[str]:
        by_number = {c.number: c.key for (kind, _), c in self.codes.items() if kind == "attention_point"}
        return [by_number[n] for n in numbers]

    def _visit(self, site: Site, row: dict) -> None:
        visit = Visit.objects.create(
            site=site,
            planned_on=row["planned_on"],
            held_on=row.get("held_on"),
            status=row["status"],
            cancel_reason=self.text(row.get("cancel_reason")),
            phase=row.get("phase") or "",
            consultant=self.consultants[row["consultant"]] if row.get("consultant") else None,
            other_participants=self.text(row.get("other_participants")),
        )
        visit.participants.set([self.members[ref] for ref in row.get("participants", [])])
        self.visits[row["ref"]] = visit
        self.summary.add("besøg")
        report_row = row.get("report")
        if not report_row:
            return
        report = ImplementationReport.objects.create(
            visit=visit,
            introduction=self.text(report_row.get("introduction")),
            anchoring=report_row.get("anchoring"),
            status=report_row["status"],
            validated_on=report_row.get("validated_on"),
            author=self.users.get(report_row.get("author")) if report_row.get("author") else None,
        )
        ReportSection.objects.bulk_create(
            ReportSection(report=report, theme=theme, text=self.text(text))
            for theme, text in report_row["sections"].items()
        )
        for f in report_row.get("factors", []):
            self._factor(f, report=report)
        self.reports[row["ref"]] = report
        self.summary.add("rapporter")

    def _factor(self, row: dict, **source) -> None:
        Factor.objects.create(
            valence=row["valence"],
            statement=self.text(row["statement"]),
            quote=self.text(row.get("quote")),
            theme=row.get("theme") or "",
            driver=self.code("driver", row.get("driver")),
            mechanism=self.code("mechanism", row.get("mechanism")),
            **source,
        )
        self.summary.add("fremmere og hæmmere")

    def _event(self, row: dict, site: Site | None) -> None:
        ExternalEvent.objects.create(
            site=site,
            kind=row["kind"],
            starts_on=row["starts_on"],
            ends_on=row.get("ends_on"),
            description=self.text(row.get("description")),
        )
        self.summary.add("begivenheder")

    def _meeting(self, row: dict) -> JointMeeting:
        meeting = JointMeeting.objects.create(
            held_on=row["held_on"], title=row["title"], minutes=self.text(row.get("minutes"))
        )
        meeting.sites.set([self.sites[code] for code in row["sites"]])
        for f in row.get("factors", []):
            self._factor(
                {k: v for k, v in f.items() if k != "site"},
                joint_meeting=meeting,
                site=self.sites[f["site"]] if f.get("site") else None,
            )
        self.summary.add("fællesmøder")
        return meeting

    def _rounds(self) -> None:
        self.rounds = {r.name: r for r in CodingRound.objects.all()}
        for row in self.data.get("coding_rounds", []):
            if row["name"] in self.rounds:
                continue
            coding_round = CodingRound.objects.create(
                name=row["name"],
                description=row.get("description", ""),
                codebook_version=self.versions[row["codebook_version"]],
                is_blind=row.get("is_blind", True),
            )
            coding_round.reports.set([self.reports[ref] for ref in row.get("reports", [])])
            coding_round.coders.set([self.users[name] for name in row.get("coders", [])])
            if row.get("closed"):
                CodingRound.objects.filter(pk=coding_round.pk).update(closed_at=coding_round.created_at)
            self.rounds[coding_round.name] = coding_round

    def _passages(self) -> None:
        by_ref: dict[str, CodedPassage] = {}
        for row in self.data.get("coded_passages", []):
            source = row["source"]
            if "visit" in source:
                target = {"section": self.reports[source["visit"]].sections.get(theme=source["theme"])}
            else:
                target = {"joint_meeting": self.meetings[source["joint_meeting"]]}
            extra = row.get("extra_code")
            passage = CodedPassage.objects.create(
                start=row["start"],
                end=row["end"],
                text=row["text"],
                coder=self.users.get(row["coder"]) if row.get("coder") else None,
                model_version=row.get("model_version") or "",
                coding_round=self.rounds.get(row["round"]) if row.get("round") else None,
                codebook_version=self.versions[row["codebook_version"]],
                driver=self.code("driver", row.get("driver")),
                mechanism=self.code("mechanism", row.get("mechanism")),
                valence=row.get("valence") or "",
                attention_point=(
                    self.codes[("attention_point", self._attention_keys([row["attention_point"]])[0])]
                    if row.get("attention_point")
                    else None
                ),
                extra_code=self.codes[(extra["kind"], extra["key"])] if extra else None,
                origin=row.get("origin", "manual"),
                **target,
            )
            if row.get("ref"):
                by_ref[row["ref"]] = passage
            if row.get("consensus_of"):
                passage.consensus_of.set([by_ref[ref] for ref in row["consensus_of"]])
            self.summary.add("kodede passager")

    def _memos(self) -> None:
        for row in self.data.get("memos", []):
            code = row.get("code")
            memo = Memo.objects.create(
                author=self.users[row["author"]],
                title=row["title"],
                text=self.text(row["text"]),
                target=row["target"],
                site=self.sites[row["site"]] if row.get("site") else None,
                report=self.reports[row["report"]] if row.get("report") else None,
                code=self.codes[(code["kind"], code["key"])] if code else None,
            )
            created = parse_datetime(row["created_at"]) if row.get("created_at") else None
            if created:
                Memo.objects.filter(pk=memo.pk).update(created_at=created)
            self.summary.add("memoer")
