#!/usr/bin/env python3
"""The printed plan, on real paper sizes: exports HTML through the goalplan binary, prints it
to PDF with headless Chromium and reads the pages back with poppler.

Usage:
    python3 Tests/Print/pages.py GOALPLAN_BINARY [--keep DIR] [--images]

Plans
    The fixture Tests/goalplanTests/Fixtures/shared-plan.md, and plans made here as Markdown
    (then read back by the binary, which must not say it kept anything as it was): one goal
    with 14 reviews; three goals, one with 12 reviews and one with long obstacle labels; and
    one goal with 20 PHQ-9 scores; the three goals again in Spanish (its headings, labels and
    dates as goalplan writes a Spanish plan); each with a safety plan that has all seven
    parts, notes and a clinician's part.

For each plan, paper (A4, US Letter) and copy (full, client), the page checks:
    - the number of pages is within the bound in BOUNDS (a printout that grows by a page or
      more is news: an empty or nearly empty page, or a block pushed to a page of its own);
    - no page holds nothing but the running foot (a page of ruled note lines only, or blank);
    - the safety plan's heading and its last item are on one page;
    - each goal's heading and the caption of its progress chart are on one page.

Text is what `pdftotext -layout` finds on each page, with runs of white space made one space.
With --keep DIR, the HTML, PDF (and with --images, a PNG of each page at 60 dpi) are left in
DIR. Prints one line per printout, then a summary; exits 1 when a check failed, 2 when a tool
is missing. Needs chromium and poppler-utils (`make test-deps` installs them).

Python 3.11 standard library only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "goalplanTests", "Fixtures", "shared-plan.md")

# The most pages each printout may have, by plan, paper and copy: one more than Chromium 156
# with DejaVu fonts prints (3 for shared, 4 for one-goal and scores, 5 on A4 and 6 on Letter
# for three-goals), for other versions and fonts.
BOUNDS = {
    ("shared", "a4", "full"): 4, ("shared", "a4", "client"): 4,
    ("shared", "letter", "full"): 4, ("shared", "letter", "client"): 4,
    ("one-goal", "a4", "full"): 5, ("one-goal", "a4", "client"): 5,
    ("one-goal", "letter", "full"): 5, ("one-goal", "letter", "client"): 5,
    ("three-goals", "a4", "full"): 6, ("three-goals", "a4", "client"): 6,
    ("three-goals", "letter", "full"): 7, ("three-goals", "letter", "client"): 7,
    ("scores", "a4", "full"): 5, ("scores", "a4", "client"): 5,
    ("scores", "letter", "full"): 5, ("scores", "letter", "client"): 5,
    ("tres-metas", "a4", "full"): 6, ("tres-metas", "a4", "client"): 6,
    ("tres-metas", "letter", "full"): 7, ("tres-metas", "letter", "client"): 7,
}

SAFETY_HEADING = "My safety plan"
FOOT = re.compile(r"^(Goal plan|Plan de metas).*·.*$|^(Page|Página) \d+ (of|de) \d+$")

# A plan in Spanish: the three-goal plan with the words goalplan writes for a Spanish plan
# (Prompts/messages/es.po), longer than the English ones, which the page must still hold.
SPANISH = [
    ("# Goal plan: ", "# Plan de metas: "), ("Started ", "Inicio: "), (" · Next review ", " · Próxima revisión: "),
    ("## What brought me here", "## Lo que me trajo aquí"),
    ("## What I would like to be different", "## Lo que me gustaría que fuera distinto"),
    ("**Area:**", "**Área:**"), ("**Why it matters:**", "**Por qué me importa:**"),
    ("**How I will know:**", "**Cómo lo sabré:**"), ("**Importance (0-10):**", "**Importancia (0-10):**"),
    ("**Confidence (0-10):**", "**Confianza (0-10):**"), ("**Progress (0-10):**", "**Avance (0-10):**"),
    ("### Steps", "### Pasos"), ("### If something gets in the way", "### Si algo se interpone"),
    ("### Reviews", "### Revisiones"), ("## My safety plan", "## Mi plan de seguridad"),
    ("### Warning signs", "### Señales de alerta"), ("### Things I can do on my own", "### Cosas que puedo hacer por mi cuenta"),
    ("### People and places that help me feel better", "### Personas y lugares que me ayudan a sentirme mejor"),
    ("### People I can ask for help", "### Personas a las que puedo pedir ayuda"),
    ("### Professionals and crisis lines", "### Profesionales y líneas de crisis"),
    ("### Making my surroundings safer", "### Cómo hacer más seguro mi entorno"),
    ("### My reasons for living", "### Mis razones para vivir"), ("## More of what I said", "## Más de lo que dije"),
    ("## For the clinician", "## Para el terapeuta"), ("**Approach:**", "**Enfoque:**"),
    ("**Interventions:**", "**Intervenciones:**"),
]
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]


def in_spanish(markdown):
    """The plan's own words in Spanish, as goalplan writes a Spanish plan; answers as they are."""
    for english, spanish in SPANISH:
        markdown = markdown.replace(english, spanish)
    markdown = re.sub(r"^## Goal (\d+): ", r"## Meta \1: ", markdown, flags=re.M)
    markdown = re.sub(r"(\d+) at the start \(", r"\1 al inicio (", markdown)
    markdown = re.sub(r"(\d+) on (\d+ [A-Z][a-z]+ \d{4})", r"\1 el \2", markdown)
    months = "|".join(MONTHS)
    return re.sub(rf"\b(\d+) ({months}) (\d{{4}})\b",
                  lambda m: f"{m[1]} de {MESES[MONTHS.index(m[2])]} de {m[3]}", markdown)

# --------------------------------------------------------------------------------------------
# Plans


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def days(start, count, step):
    """`count` dates from `start` (year, month, day), `step` days apart, as (year, month, day)."""
    import datetime
    first = datetime.date(*start)
    return [(d.year, d.month, d.day) for d in (first + datetime.timedelta(days=step * i) for i in range(count))]


def long_form(d):
    return f"{d[2]} {MONTHS[d[1] - 1]} {d[0]}"


def iso(d):
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def goal(number, title, start, reviews, obstacles):
    """A goal's Markdown: facts, progress, steps, obstacles and a review table with a row for
    each (date, rating) in `reviews`."""
    progress = [f"{reviews[0][1]} at the start ({long_form(start)})"] if reviews else []
    progress += [f"{r} on {long_form(d)}" for d, r in reviews[1:]]
    out = [f"## Goal {number}: {title}", "",
           "- **Area:** Behavioural change",
           "- **Why it matters:** I want my days to have a shape again, and to feel less tired at work",
           "- **How I will know:** I will do it on most days for a month",
           "- **Importance (0-10):** 8", "- **Confidence (0-10):** 5"]
    if progress:
        out.append("- **Progress (0-10):** " + ", ".join(progress))
    out += ["", "### Steps", "", "- [x] Write down what I did each evening",
            "- [ ] Tell my partner what I am trying, so they can remind me", ""]
    if obstacles:
        out += ["### If something gets in the way", ""]
        out += [f"- **{what}:** {plan}" for what, plan in obstacles]
        out.append("")
    if len(reviews) > 1:
        out += ["### Reviews", "", "| Date | Progress | What helped | What got in the way | Decision | Why |",
                "|------|----------|-------------|---------------------|----------|-----|"]
        for i, (d, r) in enumerate(reviews[1:]):
            out.append(f"| {iso(d)} | {r} | Keeping a note | A busy week | Keep going | It helps {i + 1} |")
        out.append("")
    return out


SAFETY = [
    ("Warning signs", ["I stop answering my phone", "I sleep in the day and lie awake at night",
                       "I tell myself nobody would notice if I was gone"]),
    ("Things I can do on my own", ["Take a shower and put on clean clothes", "Walk round the park twice",
                                   "Listen to the playlist my sister made"]),
    ("People and places that help me feel better", ["The café on the corner", "My neighbour Ana"]),
    ("People I can ask for help", ["My sister, 555 0100", "My friend Joe, 555 0199"]),
    ("Professionals and crisis lines", ["My GP surgery, 555 0123 (weekdays 8 to 6)",
                                        "Samaritans, 116 123 (any time, free)", "Emergency: 999"]),
    ("Making my surroundings safer", ["Give the spare pills back to the pharmacy", "Ask Ana to keep my car keys"]),
    ("My reasons for living", ["My sister's children", "Seeing the sea again next summer",
                               "The last line of my safety plan"]),
]


def scores(start, count):
    """A PHQ-9 score every week, as the plan's table of scores."""
    rows = ["## Scores over time", "", "| Date | Measure | Score | Band |", "|---|---|---|---|"]
    for i, d in enumerate(days(start, count, 7)):
        score = [19, 16, 13, 11, 8][i % 5]
        band = "moderately severe" if score >= 15 else "moderate" if score >= 10 else "mild"
        rows.append(f"| {iso(d)} | PHQ-9 | {score} of 27 | {band} |")
    return rows + [""]


def plan(name, goals, extra=()):
    lines = [f"# Goal plan: {name}", "", "Started 5 January 2026 · Next review 2 February 2026", "",
             "## What brought me here", "", "- Trouble sleeping since the move", "- Feeling low most days", "",
             "## What I would like to be different", "", "I would wake up rested and have the energy to see friends.",
             ""]
    for g in goals:
        lines += g
    lines += list(extra)
    lines += ["## My safety plan", ""]
    for title, items in SAFETY:
        lines += [f"### {title}", ""] + [f"- {i}" for i in items] + [""]
    lines += ["## More of what I said", "", "**Which parts of life feel hard right now?**", "",
              "- My feelings and moods", "- Sleep, health or my body", "",
              "## For the clinician", "", "- **Approach:** Cognitive-behavioural (CBT)",
              "- **Interventions:** Sleep diary; stimulus control", ""]
    return "\n".join(lines)


LONG_OBSTACLES = [
    ("When my partner comes home late from the night shift and wants to talk about their day", "Say I will listen "
     "tomorrow at breakfast, and mean it"),
    ("Feeling that I have already failed the week because Monday went badly", "Start again on Tuesday"),
    ("Noise", "Earplugs"),
]


def made_plans():
    start = (2026, 1, 5)
    many = list(zip(days(start, 15, 7), [2, 3, 3, 4, 4, 5, 4, 6, 6, 7, 7, 8, 8, 9, 10]))
    twelve = list(zip(days(start, 13, 14), [1, 2, 2, 3, 5, 4, 6, 7, 7, 8, 9, 9, 10]))
    few = list(zip(days(start, 3, 28), [4, 5, 7]))
    return {
        "one-goal": plan("Robin", [goal(1, "Go to bed by 11 on weeknights", start, many, LONG_OBSTACLES)]),
        "three-goals": plan("Alex", [
            goal(1, "Sleep by 11", start, few, [("Late films", "Record them")]),
            goal(2, "Walk to work three days a week", start, twelve, [("Rain", "Take the bus one way")]),
            goal(3, "Call one friend every week", start, few, LONG_OBSTACLES),
        ]),
        "scores": plan("Kim", [goal(1, "Sleep by 11", start, few, [])], scores(start, 20)),
        "tres-metas": in_spanish(plan("Alex", [
            goal(1, "Dormirme a las 11", start, few, [("Películas tarde", "Grabarlas")]),
            goal(2, "Caminar al trabajo tres días por semana", start, twelve, [("Lluvia", "Ir en autobús")]),
            goal(3, "Llamar a una amiga cada semana", start, few, LONG_OBSTACLES),
        ])),
    }


# --------------------------------------------------------------------------------------------
# Tools


def need(tool):
    if shutil.which(tool) is None:
        print(f"pages.py: {tool} is missing (make test-deps installs chromium and poppler-utils)", file=sys.stderr)
        sys.exit(2)


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, **kwargs)


def print_pdf(html, pdf, profile):
    """Prints `html` to `pdf` as a browser would, with no header or footer of its own."""
    # --no-sandbox: Chromium refuses to run as root (as in CI) with its sandbox.
    # --disable-dev-shm-usage: a container's /dev/shm can be too small for it.
    r = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-pdf-header-footer", f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
             "file://" + os.path.abspath(html)])
    if not os.path.exists(pdf):
        raise RuntimeError(f"chromium wrote no PDF (exit {r.returncode}): {r.stderr.strip()[-400:]}")


def pages(pdf):
    info = run(["pdfinfo", pdf]).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    texts = []
    for n in range(1, count + 1):
        text = run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"]).stdout
        texts.append(text)
    return texts


def flat(text):
    return " ".join(text.split())


def body(page):
    """A page's text without its running foot (the plan's name and dates, the page number)."""
    lines = [line.strip() for line in page.splitlines()]
    return [line for line in lines if line and not FOOT.match(line)]


def page_of(texts, needle):
    """The first page (from 1) whose text has `needle`, white space made one space; 0 if none."""
    needle = flat(needle)
    for i, text in enumerate(texts):
        if needle in flat(text):
            return i + 1
    return 0


# --------------------------------------------------------------------------------------------
# Checks


def check(name, paper, copy, texts, source):
    problems = []
    bound = BOUNDS[(name, paper, copy)]
    if len(texts) > bound:
        problems.append(f"{len(texts)} pages, more than the {bound} expected")
    for i, text in enumerate(texts):
        if body(text) in ([], ["Notes"], ["Notas"]):
            problems.append(f"page {i + 1} holds only ruled lines for notes (or nothing) above its foot")
    spanish = source.startswith("# Plan de metas")
    safety_heading = "Mi plan de seguridad" if spanish else SAFETY_HEADING
    heading = page_of(texts, safety_heading)
    safety_block = source.split(f"## {safety_heading}")[1].split("\n## ")[0]
    last_item = [line[2:] for line in safety_block.splitlines() if line.startswith("- ")][-1]
    end = page_of(texts, last_item)
    if heading == 0 or end == 0:
        problems.append(f"the safety plan is not all there (heading on page {heading}, last item on {end})")
    elif heading != end:
        problems.append(f"the safety plan starts on page {heading} and ends on page {end}")
    goal_word, progress, on_goal = ("Meta", "Avance", "Avance en la meta") if spanish else (
        "Goal", "Progress", "Progress on goal")
    for number, title in re.findall(rf"^## {goal_word} (\d+): (.*)$", source, re.M):
        has_chart = re.search(rf"^## {goal_word} {number}: .*\n(?:(?!## ).*\n)*?- \*\*{progress}", source, re.M)
        if not has_chart:
            continue
        at = page_of(texts, f"{goal_word} {number}: {title}")
        caption = page_of(texts, f"{on_goal} {number}: {title}")
        if caption == 0:
            problems.append(f"no chart captioned '{on_goal} {number}: {title}'")
        elif at != caption:
            problems.append(f"goal {number}'s heading is on page {at}, its chart on page {caption}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--keep", help="leave the HTML, PDF and page images in this folder")
    parser.add_argument("--images", action="store_true", help="with --keep, a PNG of each page")
    args = parser.parse_args()
    for tool in ("chromium", "pdfinfo", "pdftotext") + (("pdftoppm",) if args.images else ()):
        need(tool)
    binary = os.path.abspath(args.binary)
    started = time.monotonic()
    folder = args.keep or tempfile.mkdtemp(prefix="goalplan-pages-")
    profile = tempfile.mkdtemp(prefix="goalplan-chromium-")
    os.makedirs(folder, exist_ok=True)
    sources = {"shared": open(FIXTURE, encoding="utf-8").read(), **made_plans()}
    failed = 0
    total = 0
    for name, source in sources.items():
        md = os.path.join(folder, f"{name}.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write(source)
        for paper in ("a4", "letter"):
            for copy in ("full", "client"):
                total += 1
                stem = os.path.join(folder, f"{name}-{paper}-{copy}")
                command = [binary, "export", md, "--format", "html", "--paper", paper, "--force",
                           "--out", stem + ".html"] + (["--client-copy"] if copy == "client" else [])
                r = run(command)
                if r.returncode != 0 or "kept as it is" in r.stderr:
                    print(f"FAIL {name} {paper} {copy}: export said {r.stderr.strip()!r}")
                    failed += 1
                    continue
                if os.path.exists(stem + ".pdf"):
                    os.remove(stem + ".pdf")
                try:
                    print_pdf(stem + ".html", stem + ".pdf", profile)
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    print(f"FAIL {name} {paper} {copy}: {error}")
                    failed += 1
                    continue
                texts = pages(stem + ".pdf")
                if args.images:
                    run(["pdftoppm", "-png", "-r", "60", stem + ".pdf", stem])
                problems = check(name, paper, copy, texts, source)
                status = "FAIL" if problems else "ok  "
                print(f"{status} {name} {paper} {copy}: {len(texts)} pages" +
                      "".join(f"\n       {p}" for p in problems), flush=True)
                failed += bool(problems)
    shutil.rmtree(profile, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"printed pages: {total} printouts, {failed} failed ({time.monotonic() - started:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
