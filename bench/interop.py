"""Benchmark: REFI-QDA round trip and Word import on the demo data (14 sites, 108 reports).

Run: .venv/bin/python bench/interop.py
Loads the demo into a temporary SQLite file, then prints the wall and CPU time of
`export-qdpx` (whole dataset), of `import-qdpx` into the same database after deleting every coded
passage (and whether the codings came back identical), and of `import-docx` of 20 generated reports.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUND_TRIP = """
import collections, time, django
django.setup()
from django.core.management import call_command
from audit.services import acting_as
from coding.models import CodedPassage
def snap():
    return collections.Counter(
        (p.section_id, p.joint_meeting_id, p.start, p.end, p.coder_id, p.driver_id, p.mechanism_id,
         p.valence, p.attention_point_id, p.extra_code_id) for p in CodedPassage.objects.all())
before = snap()
with acting_as(None, name="bench"):
    CodedPassage.objects.all().delete()
started = time.perf_counter()
call_command("import_qdpx", "{file}", stdout=open("/dev/null", "w"))
print(f"import-qdpx: {{time.perf_counter() - started:.1f}} s for {{sum(before.values())}} passages; "
      f"identical after round trip: {{snap() == before}}")
"""

DOCX = """
import time, django, docx
django.setup()
from pathlib import Path
from django.core.management import call_command
from interop.docx_import.parsing import THEME_NAMES
from registry.models import Site
folder = Path("{folder}")
folder.mkdir()
sites = list(Site.objects.order_by("code"))
for n in range(20):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Sted", sites[n % len(sites)].code
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Dato", f"{{1 + n}}.11.2021"
    for number, name in enumerate(THEME_NAMES.values(), start=1):
        document.add_heading(f"{{number}}. {{name}}", level=1)
        document.add_paragraph("Teamet fortæller, at det går godt med at bruge redskaberne i hverdagen. " * 20)
    document.save(str(folder / f"rapport-{{n:02d}}.docx"))
started = time.perf_counter()
call_command("import_docx", str(folder), stdout=open("/dev/null", "w"))
print(f"import-docx: {{time.perf_counter() - started:.1f}} s for 20 reports")
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="drivkraft-bench-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DRIVKRAFT_VAR_DIR": tmp,
            "DRIVKRAFT_DEMO_PASSWORD": "benchmark-only-password",
        }
        django = [sys.executable, "-m", "django"]
        subprocess.run([*django, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        subprocess.run([*django, "demo", "--reset"], env=env, check=True, capture_output=True)
        file = Path(tmp) / "demo.qdpx"
        started = time.perf_counter()
        subprocess.run([*django, "export_qdpx", "--out", str(file)], env=env, check=True, capture_output=True)
        print(
            f"export-qdpx: {time.perf_counter() - started:.1f} s (process), {file.stat().st_size / 1024:.0f} KiB"
        )
        code = ROUND_TRIP.format(file=file)
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
        subprocess.run([sys.executable, "-c", DOCX.format(folder=Path(tmp) / "word")], env=env, check=True)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            f"CPU time of all steps: {usage.ru_utime + usage.ru_stime:.1f} s; peak RSS {usage.ru_maxrss / 1024:.0f} MiB"
        )


if __name__ == "__main__":
    main()
