"""A site's status report for its team before the next visit: where the site stands in the phases,
the balance per driver over time, the open trial actions, and the attention points not yet worked
with together with the advice that goes with them."""

from django.utils.translation import gettext as _

from analysis.phrases import render
from publishing import labels
from publishing.contexts.common import DRIVERS, balance_figure, day, phase_figure, share
from publishing.contexts.status_prose import status_summary
from publishing.document import BulletList, Document, Paragraph, Table
from publishing.evidence import ReportEvidence
from publishing.labels import Codebook
from publishing.text import publishable_text


def build_status(
    *, status, codebook: Codebook, language: str, today, evidence: ReportEvidence | None = None
) -> Document:
    site = status.site
    document = Document(
        stem=f"status-{site.code.lower()}",
        title=_("Status for {site}").format(site=f"{site.code} {site.name}"),
        subtitle=_("Til implementeringsteamet før næste besøg"),
        language=language,
        generated_on=day(today),
        notice=_("Fiktive demodata – ingen rigtige steder eller personer.") if site.is_fictional else "",
        chapter_pages=False,
    )
    trajectory = status.trajectory
    overview = document.section(_("1 Overblik"), "overblik")
    overview.add(*status_summary(status, codebook, evidence or ReportEvidence()))
    classification = status.classification
    overview.add(
        Paragraph(
            _("Grad af målrettet implementering: {degree}{override}.").format(
                degree=labels.degree(classification.degree),
                override=(
                    " ("
                    + _("fastsat af evaluator: {reason}").format(
                        reason=publishable_text(classification.override.reason)
                    )
                    + ")"
                    if classification.override
                    else ""
                ),
            )
        ),
    )
    reasons = getattr(classification, "provisional_reasons", None) or []
    if reasons:
        overview.add(
            Paragraph(
                _("Klassifikationen er foreløbig: {reasons}.").format(
                    reasons="; ".join(render(reason, labels.readable) for reason in reasons)
                )
            )
        )
    counts = status.trial_actions
    overview.add(
        Table(
            key="overblik",
            caption=_("Stedet i tal"),
            columns=[_("Mål"), _("Værdi")],
            rows=[
                [_("Besøg med fase"), len(trajectory.points)],
                [_("Prøvehandlinger aftalt"), counts.agreed],
                [_("Fulgt op"), counts.followed_up],
                [_("Gennemført"), counts.done],
                [_("Delvist gennemført"), counts.partly],
                [_("Åbne"), counts.not_followed_up],
                [_("heraf aldrig fulgt op"), counts.never_followed_up],
                [_("Opmærksomhedspunkter arbejdet med"), len(status.attention_points_worked)],
                *(
                    [codebook.driver(d) + " " + _("(krydsmatrix)"), labels.rating(status.matrix.get(d))]
                    for d in DRIVERS
                ),
            ],
        )
    )
    phases = document.section(_("2 Faseforløb"), "faser")
    phases.add(
        phase_figure(key="faser", caption=_("Fasen ved hvert besøg"), trajectories=[trajectory]),
    )
    phases.add(
        Table(
            key="faser-aktiviteter",
            caption=_("Faserne: varighed og aktiviteter gennemført"),
            columns=[
                _("Fase"),
                _("Nået"),
                _("Fra"),
                _("Til"),
                _("Besøg"),
                _("Andel aktiviteter gennemført"),
                _("Mangler"),
            ],
            rows=[
                [
                    labels.phase(stage.phase),
                    _("Ja") if stage.reached else _("Nej"),
                    day(stage.start) if stage.start else None,
                    day(stage.end) if stage.end else None,
                    stage.visits,
                    share(stage.completed_share) if stage.activities else None,
                    ", ".join(render(a.label) for a in stage.activities if not a.done) or None,
                ]
                for stage in trajectory.stages
            ],
        )
    )
    balance = document.section(_("3 Balancen mellem fremmere og hæmmere over tid"), "balance")
    if status.balance_over_time:
        balance.add(
            balance_figure(
                key="balance",
                caption=_("Balancen pr. driver over tid"),
                panels=[(site.code, status.balance_over_time)],
                codebook=codebook,
            )
        )
    else:
        balance.add(Paragraph(_("Der er endnu ingen fremmere eller hæmmere registreret.")))
    actions = document.section(_("4 Åbne prøvehandlinger"), "proevehandlinger")
    if status.open_trial_actions:
        actions.add(
            Table(
                key="aabne-proevehandlinger",
                caption=_("Prøvehandlinger, der ikke er fulgt op"),
                columns=[_("Aftalt"), _("Driver"), _("Formål")],
                rows=[
                    [
                        day(a.agreed_on),
                        codebook.driver(a.driver) if a.driver else None,
                        publishable_text(a.aim),
                    ]
                    for a in sorted(status.open_trial_actions, key=lambda a: (a.agreed_on, a.id))
                ],
            )
        )
    else:
        actions.add(Paragraph(_("Ingen åbne prøvehandlinger.")))
    points = document.section(
        _("5 Opmærksomhedspunkter, der endnu ikke er arbejdet med"), "opmaerksomhedspunkter"
    )
    if status.attention_points_not_worked:
        for point in status.attention_points_not_worked:
            number = point["number"]
            driver = point.get("driver") or (codebook.point(number).parent if codebook.point(number) else "")
            item = points.subsection(
                _("Punkt {number}: {label}").format(number=number, label=codebook.point_label(number))
            )
            item.add(Paragraph(_("Driver: {driver}.").format(driver=codebook.driver(driver))))
            advice = codebook.point_advice(number)
            if advice:
                item.add(BulletList([advice]))
    else:
        points.add(Paragraph(_("Stedet har arbejdet med alle ti opmærksomhedspunkter.")))
    worked = status.attention_points_worked
    if worked:
        points.add(
            Paragraph(
                _("Allerede arbejdet med: {points}.").format(
                    points=", ".join(f"{n} {codebook.point_label(n)}" for n in worked)
                )
            )
        )
    document.number()
    return document
