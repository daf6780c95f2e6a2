"""Loading the demo dataset in bulk, clearing domain data, and writing the planted truth.

Saving goes through bulk_create in large batches (the audit signals do not fire; the command
records one "bulk" audit entry instead). Call inside one transaction.
"""

import json
import math
import random
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from codebook.models import Code, CodebookVersion
from demo.common import Bundle, Context
from demo.meetings import build_meetings
from demo.profile import COHORT, cohort_slots, profile_for
from demo.sites import SiteBuilder
from demo.texts import names
from registry.models import Consultant, Programme, ProgrammeElement

SAVE_ORDER = [
    "consultant",
    "site",
    "department",
    "visit_plan",
    "assignment",
    "team_member",
    "event",
    "visit",
    "visit_participant",
    "report",
    "section",
    "factor",
    "trial_action",
    "passage",
    "assessment",
    "assessment_point",
    "score",
    "meeting",
    "meeting_site",
    "meeting_factor",
    "meeting_passage",
]
FLUSH_EVERY_COHORTS = 8
BATCH_SIZE = 2000

PROGRAMMES = {
    "MG": {
        "name": "Mentaliseringsguiden",
        "provider": "Center for Mentalisering",
        "training_months": 30,
        "training_description": "Undervisning og observation af personalet, psykoedukative grupper for de "
        "unge, supervision af frontpersonalet og sparring med ledelsen over to et halvt år.",
        "character": "Teoretisk og praktisk; hele personalegruppen uddannes; fire centrale elementer.",
        "elements": [
            (
                "Interventionsspektret",
                "Et overblik over, hvilke indsatser der passer til den unges "
                "aktuelle evne til at mentalisere.",
            ),
            (
                "Åbent SIND",
                "En holdning af nysgerrighed, åbenhed og undren over egne og andres tanker og følelser.",
            ),
            ("STORM-modellen", "En model for at forstå og dæmpe følelsesmæssige storme i konflikter."),
            ("Følelseskompasset", "Et redskab til at sætte ord på og skelne mellem følelser."),
        ],
    },
    "RP": {
        "name": "Robusthedsprogrammet",
        "provider": "Komitéen for Sundhedsoplysning",
        "training_months": 6,
        "training_description": "Fem undervisningsdage, et gruppeforløb og en personalesupervision.",
        "character": "Billed- og hverdagssprog uden fagjargon; lette øvelser og redskaber, der kan "
        "implementeres mere instrumentelt.",
        "elements": [
            (
                "Tankebobler",
                "Tegnede tankebobler, der hjælper børnene med at sætte ord på, hvad andre mon tænker.",
            ),
            ("Robusthedsøvelser", "Korte øvelser og redskaber til hverdagen."),
            ("Modulet Mentalisering", "Et modul om principperne bag mentalisering."),
        ],
    },
}
TEXT_ELEMENTS = {
    "MG": ["Interventionsspektret", "Åbent SIND", "STORM-modellen", "Følelseskompasset"],
    "RP": ["tankeboblerne", "robusthedsøvelserne", "modulet om mentalisering"],
}
KEPT_CODING_MODELS = {"Code", "CodeRevision", "CodebookVersion", "CoderModel"}


def programmes_create() -> dict[str, Programme]:
    result = {}
    for code, spec in PROGRAMMES.items():
        fields = {k: v for k, v in spec.items() if k != "elements"}
        programme, _ = Programme.objects.update_or_create(code=code, defaults=fields)
        for order, (name, description) in enumerate(spec["elements"]):
            ProgrammeElement.objects.update_or_create(
                programme=programme, name=name, defaults={"description": description, "sort_order": order}
            )
        result[code] = programme
    return result


def _consultants(cohort: int, rng: random.Random, bundle: Bundle, user) -> list[Consultant]:
    """Six consultants per cohort: three on MG, the RP one who changed job and her successor, and
    the one two MG sites asked for in spring 2020."""
    people = list(names.CONSULTANTS)
    if cohort:
        people = [
            (f"{rng.choice(names.STAFF_FIRST)} {rng.choice(names.STAFF_LAST)}", background)
            for _name, background in people
        ]
    return [
        bundle.add("consultant", Consultant(name=name, background=background, user=user if i == 0 else None))
        for i, (name, background) in enumerate(people)
    ]


def _flush(bundle: Bundle) -> None:
    for kind in SAVE_ORDER:
        rows = bundle.rows.get(kind)
        if not rows:
            continue
        if isinstance(rows[0], tuple):
            _insert_rows(rows[0][0], [values for _model, values in rows])
        else:
            type(rows[0])._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)


def _insert_rows(model, rows: list[dict]) -> None:
    """INSERT plain rows with executemany: several times faster than building model instances.

    Each row names fields (parents as saved instances); the rest take the field's default.
    """
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = []
    for f in fields:
        if f.is_relation:
            converters.append(lambda v: v.pk if isinstance(v, Model) else v)
        elif getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
            converters.append(lambda v, f=f: f.get_db_prep_save(now if v is None else v, connection))
        else:
            converters.append(lambda v, f=f: f.get_db_prep_save(v, connection))
    defaults = [
        None if f.is_relation or getattr(f, "auto_now_add", False) else f.get_default() for f in fields
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    params = [
        [
            convert(row.get(f.name, default))
            for f, convert, default in zip(fields, converters, defaults, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH_SIZE * 5):
            cursor.executemany(sql, params[start : start + BATCH_SIZE * 5])


def load_demo(
    *,
    sites: int,
    seed: int,
    evaluator,
    consultant_user=None,
    progress: Callable[[int], None] = lambda n: None,
) -> list[dict]:
    """Create `sites` fictional sites with their fieldwork; return the planted truth per site."""
    codes = {(c.kind, c.key): c for c in Code.objects.all()}
    ctx = Context(
        codes=codes,
        version=CodebookVersion.objects.get(number=1),
        evaluator=evaluator,
        programmes=programmes_create(),
        elements=TEXT_ELEMENTS,
    )
    cohorts = math.ceil(sites / COHORT)
    slots_by_cohort = [
        cohort_slots(c, min(COHORT, sites - c * COHORT), random.Random(f"{seed}:cohort:{c}"))
        for c in range(cohorts)
    ]
    totals = {p: sum(s.programme == p for slots in slots_by_cohort for s in slots) for p in ("MG", "RP")}
    width = {p: max(2, len(str(n))) for p, n in totals.items()}
    numbers = {"MG": 0, "RP": 0}
    truth, bundle, index = [], Bundle(), 0
    for cohort, slots in enumerate(slots_by_cohort):
        rng = random.Random(f"{seed}:consultants:{cohort}")
        consultants = _consultants(cohort, rng, bundle, consultant_user if cohort == 0 else None)
        builders = []
        for slot in slots:
            site_rng = random.Random(f"{seed}:site:{cohort}:{slot.slot}")
            profile = profile_for(slot, site_rng)
            numbers[slot.programme] += 1
            code = f"{slot.programme}{numbers[slot.programme]:0{width[slot.programme]}d}"
            builder = SiteBuilder(
                ctx=ctx,
                slot=slot,
                profile=profile,
                code=code,
                index=index,
                consultants=consultants,
                rng=site_rng,
                bundle=bundle,
            )
            builder.build()
            builders.append(builder)
            truth.append(
                {
                    "code": code,
                    "programme": slot.programme,
                    **profile.as_truth(),
                    "leaves": slot.leaves,
                    "no_management": slot.no_management,
                }
            )
            index += 1
            progress(1)
        build_meetings(ctx, builders, random.Random(f"{seed}:meetings:{cohort}"), bundle)
        if (cohort + 1) % FLUSH_EVERY_COHORTS == 0:
            _flush(bundle)
            bundle = Bundle()
    _flush(bundle)
    return truth


def truth_write(truth: list[dict], *, seed: int, path: Path | None = None) -> Path:
    """Write the planted profiles for checking the analysis; the application never reads them."""
    target = Path(path) if path else Path(settings.DRIVKRAFT_VAR_DIR) / "demo-truth.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "seed": seed,
        "note": "Planted profiles of the fictional demo; never read by Drivkraft.",
        "sites": truth,
    }
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def _domain_models() -> list:
    """Models holding domain data: registry, fieldwork and coding work (not the codebook), and any
    model elsewhere that cannot exist without them. Ordered children first."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    models = {
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in {"registry", "fieldwork", "coding"} and m.__name__ not in KEPT_CODING_MODELS
    }
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            if model in models or model is user_model or model._meta.app_label == "audit":
                continue
            if model.__name__ in KEPT_CODING_MODELS and model._meta.app_label == "coding":
                continue
            if any(
                f.is_relation and f.many_to_one and f.related_model in models and not f.null
                for f in model._meta.concrete_fields
            ):
                models.add(model)
                changed = True
    ordered, remaining = [], set(models)
    while remaining:
        leaves = [
            m
            for m in remaining
            if not any(
                f.is_relation and f.related_model is m and other is not m
                for other in remaining
                for f in other._meta.concrete_fields
            )
        ]
        if not leaves:
            leaves = list(remaining)
        ordered.extend(sorted(leaves, key=lambda m: m._meta.label))
        remaining -= set(leaves)
    return ordered


def domain_data_delete() -> None:
    """Delete all domain data (keeping the codebook, users other than team users, and the audit log).

    Plain DELETE statements keep this fast for large datasets; the caller records the audit entry.
    """
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    models = _domain_models()
    inside = set(models)
    user_model._default_manager.filter(site__isnull=False).delete()
    for model in apps.get_models(include_auto_created=True):
        if model in inside:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.many_to_one and f.related_model in inside and f.null:
                model._base_manager.filter(**{f"{f.name}__isnull": False}).update(**{f.name: None})
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
