"""The Word template consultants write their implementation reports in; `import-docx` reads it back.

Guidance paragraphs use the style "Vejledning" and are never imported, so they may be left in place.
"""

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor

from interop.docx_import.parsing import PHASE_NAMES, THEME_NAMES
from interop.docx_import.reading import GUIDANCE_STYLE

THEME_GUIDANCE = {
    "promoters_inhibitors": "Hvad fremmer og hvad hæmmer implementeringen lige nu? Hvilke prøvehandlinger blev aftalt?",
    "organisation_culture": "Strukturer, kultur, samarbejde, ydre pres (besparelser, tilsyn, omorganisering).",
    "implementation_process": "Hvor er stedet i processen? Hvilke programelementer arbejdes der med, og i hvilken rækkefølge?",
    "implementation_team": "Teamets sammensætning, mandat, opbakning fra ledelsen og rolle over for kollegerne.",
    "leadership": "Hvordan går ledelsen forrest, træffer beslutninger og møder nye problemer?",
    "anchoring": "Hvor langt er programmet forankret i hverdagen: sprog, logbøger, handleplaner, introduktion af nye.",
}


def build_template(path: Path) -> Path:
    document = docx.Document()
    guidance = document.styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style = document.styles["Normal"]
    guidance.font.italic = True
    guidance.font.size = Pt(9)
    guidance.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    document.add_heading("Implementeringsrapport", level=0)
    document.add_paragraph(
        "Udfyld tabellen og skriv under hver af de seks overskrifter. Lad overskrifterne stå; nummereringen "
        "må gerne ændres. Grå kursiv vejledning kan blive stående – den indlæses ikke. Skriv aldrig CPR-numre.",
        style=GUIDANCE_STYLE,
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, hint in (
        ("Sted", "Stedets kortkode eller navn"),
        ("Dato", "Besøgets dato, fx 14.05.2019"),
        ("Fase", " / ".join(PHASE_NAMES.values())),
        ("Konsulent", ""),
    ):
        cells = table.add_row().cells
        cells[0].text = label
        if hint:
            cells[1].add_paragraph(hint, style=GUIDANCE_STYLE)
    document.add_heading("Indledning", level=1)
    document.add_paragraph("Hvem deltog, og hvad var samtalens fokus?", style=GUIDANCE_STYLE)
    for number, (key, name) in enumerate(THEME_NAMES.items(), start=1):
        document.add_heading(f"{number}. {name}", level=1)
        document.add_paragraph(THEME_GUIDANCE[key], style=GUIDANCE_STYLE)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
