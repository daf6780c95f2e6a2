"""Import a dataset written by `drivkraft export`: check everything first, then write all or nothing."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
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
from interop.jsonio import FORMAT_NAME
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

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "dataset.schema.json"


@dataclass
class ImportProblem:
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class DatasetImportError(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportSummary:
    counts: dict[str, int] = field(default_factory=dict)
    cpr_masked: int = 0

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def _place(path) -> str:
    place = "$"
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else f".{part}"
    return place


def parse_document(raw: str | bytes) -> dict:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DatasetImportError(
            [ImportProblem(f"linje {exc.lineno}, kolonne {exc.colno}", f"ugyldig JSON: {exc.msg}")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise DatasetImportError([ImportProblem("fil", "filen er ikke UTF-8")]) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DatasetImportError([ImportProblem("$.format", f"filen er ikke et {FORMAT_NAME}-dokument")])
    return data


def _schema_problems(data: dict) -> list[ImportProblem]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        ImportProblem(_place(error.absolute_path), error.message)
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


class _Checker:
    """Semantic checks the schema cannot express: dates, references, order of events, offsets."""

    def __init__(self, data: dict):
        self.data = data
        self.problems: list[ImportProblem] = []

    def problem(self, place: str, message: str) -> None:
        self.problems.append(ImportProblem(place, message))

    def date(self, value, place: str) -> datetime.date | None:
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(place, f"ugyldig dato {value!r}")
            return None

    def check(self) -> list[ImportProblem]:
        data = self.data
        codes = {(c["kind"], c["key"]) for c in data.get("codebook", {}).get("codes", [])}
        codes |= set(Code.objects.values_list("kind", "key"))
        programmes = {p["code"] for p in data["programmes"]} | set(
            Programme.objects.values_list("code", flat=True)
        )
        consultants = {c["name"] for c in data.get("consultants", [])} | set(
            Consultant.objects.values_list("name", flat=True)
        )
        usernames = {u["username"] for u in data.get("users", [])} | set(
            User.objects.values_list("username", flat=True)
        )
        existing_sites = set(Site.objects.values_list("code", flat=True))
        site_codes: set[str] = set()
        self.visits: dict[str, tuple[str, datetime.date | None, dict]] = {}
        for i, site in enumerate(data["sites"]):
            place = f"$.sites[{i}]"
            if site["code"] in site_codes:
                self.problem(f"{place}.code", f"stedkoden {site['code']!r} optræder to gange")
            if site["code"] in existing_sites:
                self.problem(f"{place}.code", f"stedet {site['code']!r} findes allerede i databasen")
            site_codes.add(site["code"])
            if site["programme"] not in programmes:
                self.problem(f"{place}.programme", f"ukendt program {site['programme']!r}")
            joined = self.date(site["joined_on"], f"{place}.joined_on")
            left = self.date(site.get("left_on"), f"{place}.left_on")
            if joined and left and left < joined:
                self.problem(f"{place}.left_on", "udtrådt før indtrådt")
            if left and not site.get("left_reason"):
                self.problem(f"{place}.left_reason", "en udtræden kræver en årsag")
            if site["age_min"] > site["age_max"]:
                self.problem(f"{place}.age_min", "alder fra er større end alder til")
            self._check_periods(site.get("assignments", []), f"{place}.assignments")
            self._check_periods(site.get("team_members", []), f"{place}.team_members")
            for j, assignment in enumerate(site.get("assignments", [])):
                if assignment["consultant"] not in consultants:
                    self.problem(
                        f"{place}.assignments[{j}].consultant",
                        f"ukendt konsulent {assignment['consultant']!r}",
                    )
            members = {m["ref"] for m in site.get("team_members", [])}
            for j, visit in enumerate(site.get("visits", [])):
                self._check_visit(
                    visit, f"{place}.visits[{j}]", site["code"], members, consultants, codes, usernames
                )
            for j, action in enumerate(site.get("trial_actions", [])):
                self._check_trial_action(action, f"{place}.trial_actions[{j}]", site["code"], codes)
            for j, event in enumerate(site.get("events", [])):
                self._check_event(event, f"{place}.events[{j}]")
            for j, assessment in enumerate(site.get("assessments", [])):
                self.date(assessment["assessed_on"], f"{place}.assessments[{j}].assessed_on")
            for j, score in enumerate(site.get("scores", [])):
                start = self.date(score["period_start"], f"{place}.scores[{j}].period_start")
                end = self.date(score["period_end"], f"{place}.scores[{j}].period_end")
                if start and end and end < start:
                    self.problem(f"{place}.scores[{j}].period_end", "perioden slutter før den begynder")
        all_sites = site_codes | existing_sites
        for i, user in enumerate(data.get("users", [])):
            if user.get("site") and user["site"] not in all_sites:
                self.problem(f"$.users[{i}].site", f"henviser til et sted, der ikke findes: {user['site']!r}")
        for i, event in enumerate(data.get("events", [])):
            self._check_event(event, f"$.events[{i}]")
        for i, meeting in enumerate(data.get("joint_meetings", [])):
            self.date(meeting["held_on"], f"$.joint_meetings[{i}].held_on")
            for j, code in enumerate(meeting["sites"]):
                if code not in all_sites:
                    self.problem(
                        f"$.joint_meetings[{i}].sites[{j}]",
                        f"henviser til et sted, der ikke findes: {code!r}",
                    )
            for j, factor in enumerate(meeting.get("factors", [])):
                self._check_factor(factor, f"$.joint_meetings[{i}].factors[{j}]", codes)
                if factor.get("site") and factor["site"] not in meeting["sites"]:
                    self.problem(f"$.joint_meetings[{i}].factors[{j}].site", "stedet deltog ikke i mødet")
        self.passage_refs: set[str] = set()
        for i, passage in enumerate(data.get("coded_passages", [])):
            self._check_passage(passage, f"$.coded_passages[{i}]", codes, usernames)
        for i, memo in enumerate(data.get("memos", [])):
            if memo["author"] not in usernames:
                self.problem(f"$.memos[{i}].author", f"ukendt bruger {memo['author']!r}")
            if memo.get("site") and memo["site"] not in all_sites:
                self.problem(f"$.memos[{i}].site", f"henviser til et sted, der ikke findes: {memo['site']!r}")
            if memo.get("report") and memo["report"] not in self.visits:
                self.problem(
                    f"$.memos[{i}].report", f"henviser til et besøg, der ikke findes: {memo['report']!r}"
                )
        return self.problems

    def _check_periods(self, rows: list[dict], place: str) -> None:
        for j, row in enumerate(rows):
            start = self.date(row["starts_on"], f"{place}[{j}].starts_on")
            end = self.date(row.get("ends_on"), f"{place}[{j}].ends_on")
            if start and end and end < start:
                self.problem(f"{place}[{j}].ends_on", "perioden slutter før den begynder")

    def _check_event(self, event: dict, place: str) -> None:
        start = self.date(event["starts_on"], f"{place}.starts_on")
        end = self.date(event.get("ends_on"), f"{place}.ends_on")
        if start and end and end < start:
            self.problem(f"{place}.ends_on", "perioden slutter før den begynder")

    def _check_code(self, kind: str, key, place: str, codes: set) -> None:
        if key is not None and (kind, key) not in codes:
            self.problem(place, f"ukendt kode {key!r} ({kind})")

    def _check_factor(self, factor: dict, place: str, codes: set) -> None:
        self._check_code("driver", factor.get("driver"), f"{place}.driver", codes)
        self._check_code("mechanism", factor.get("mechanism"), f"{place}.mechanism", codes)
        if factor.get("mechanism") and not factor.get("driver"):
            self.problem(f"{place}.mechanism", "en mekanisme kræver en driver")

    def _check_visit(self, visit, place, site_code, members, consultants, codes, usernames) -> None:
        if visit["ref"] in self.visits:
            self.problem(f"{place}.ref", f"besøgsreferencen {visit['ref']!r} optræder to gange")
        self.date(visit["planned_on"], f"{place}.planned_on")
        held = self.date(visit.get("held_on"), f"{place}.held_on")
        self.visits[visit["ref"]] = (site_code, held or self.date(visit["planned_on"], place), visit)
        status = visit["status"]
        if status == "held" and not visit.get("held_on"):
            self.problem(f"{place}.held_on", "et afholdt besøg skal have en afholdt dato")
        if status != "held" and visit.get("held_on"):
            self.problem(f"{place}.held_on", "kun et afholdt besøg har en afholdt dato")
        if status == "cancelled" and not visit.get("cancel_reason"):
            self.problem(f"{place}.cancel_reason", "et aflyst besøg skal have en årsag")
        if status != "cancelled" and visit.get("cancel_reason"):
            self.problem(f"{place}.cancel_reason", "kun et aflyst besøg har en årsag til aflysning")
        if visit.get("consultant") and visit["consultant"] not in consultants:
            self.problem(f"{place}.consultant", f"ukendt konsulent {visit['consultant']!r}")
        for k, ref in enumerate(visit.get("participants", [])):
            if ref not in members:
                self.problem(f"{place}.participants[{k}]", f"ukendt teammedlem {ref!r} på stedet")
        report = visit.get("report")
        if report:
            if status != "held":
                self.problem(f"{place}.report", "kun et afholdt besøg kan have en rapport")
            self.date(report.get("validated_on"), f"{place}.report.validated_on")
            if report["status"] == "validated" and not report.get("validated_on"):
                self.problem(
                    f"{place}.report.validated_on", "en valideret rapport skal have en valideringsdato"
                )
            if report.get("author") and report["author"] not in usernames:
                self.problem(f"{place}.report.author", f"ukendt bruger {report['author']!r}")
            for k, factor in enumerate(report.get("factors", [])):
                self._check_factor(factor, f"{place}.report.factors[{k}]", codes)

    def _check_trial_action(self, action, place, site_code, codes) -> None:
        self._check_code("driver", action.get("driver"), f"{place}.driver", codes)
        agreed = self.visits.get(action["agreed_at"])
        if agreed is None or agreed[0] != site_code:
            self.problem(
                f"{place}.agreed_at",
                f"henviser til et besøg, der ikke findes på stedet: {action['agreed_at']!r}",
            )
        followed = action.get("followed_up_at")
        if followed is None:
            if action.get("outcome"):
                self.problem(f"{place}.outcome", "et resultat kræver en opfølgning")
            return
        if not action.get("outcome"):
            self.problem(f"{place}.outcome", "en opfølgning kræver et resultat")
        target = self.visits.get(followed)
        if target is None or target[0] != site_code:
            self.problem(
                f"{place}.followed_up_at", f"henviser til et besøg, der ikke findes på stedet: {followed!r}"
            )
        elif agreed is not None and agreed[1] and target[1] and target[1] <= agreed[1]:
            self.problem(
                f"{place}.followed_up_at",
                f"prøvehandlingen er fulgt op ({target[1]}) før eller samme dag som den blev aftalt ({agreed[1]})",
            )

    def _check_passage(self, passage, place, codes, usernames) -> None:
        for k, ref in enumerate(passage.get("consensus_of", [])):
            if ref not in self.passage_refs:
                self.problem(
                    f"{place}.consensus_of[{k}]",
                    f"henviser til en tidligere passage, der ikke findes: {ref!r}",
                )
        if passage.get("ref"):
            self.passage_refs.add(passage["ref"])
        for kind in ("driver", "mechanism"):
            self._check_code(kind, passage.get(kind), f"{place}.{kind}", codes)
        if passage.get("coder") and passage["coder"] not in usernames:
            self.problem(f"{place}.coder", f"ukendt bruger {passage['coder']!r}")
        if passage["end"] <= passage["start"]:
            self.problem(f"{place}.end", "passagen slutter før den begynder")
            return
        source = passage["source"]
        if "visit" in source:
            visit = self.visits.get(source["visit"])
            report = visit[2].get("report") if visit else None
            if report is None:
                self.problem(
                    f"{place}.source", f"henviser til en rapport, der ikke findes: {source['visit']!r}"
                )
                return
            text = report["sections"].get(source["theme"], "")
        else:
            meetings = self.data.get("joint_meetings", [])
            if source["joint_meeting"] >= len(meetings):
                self.problem(f"{place}.source", "henviser til et møde, der ikke findes")
                return
            text = meetings[source["joint_meeting"]].get("minutes", "")
        if text[passage["start"] : passage["end"]] != passage["text"]:
            self.problem(f"{place}.text", "passagen svarer ikke til teksten ved start/slut")


def check_dataset(data: dict) -> None:
    problems = _schema_problems(data)
    if not problems:
        problems = _Checker(data).check()
    if problems:
        raise DatasetImportError(problems)


def import_dataset(data: dict, *, dry_run: bool = False) -> ImportSummary:
    """Check the whole document, then write it in one transaction (rolled back on --dry-run)."""
    check_dataset(data)
    summary = ImportSummary()
    try:
        with transaction.atomic():
            _Writer(data, summary).write()
            if dry_run:
                transaction.set_rollback(True)
    except (IntegrityError, ValidationError, DatabaseError) as exc:
        raise DatasetImportError([ImportProblem("database", f"afvist af databasen: {exc}")]) from exc
    return summary


class _Writer:
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
