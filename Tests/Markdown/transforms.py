#!/usr/bin/env python3
"""Plans survive real Markdown tools: a property test through the goalplan binary.

For every plan and every transform, reading the transformed plan must give the same plan as
reading the original:

    goalplan export TRANSFORMED --format json --out -  ==  goalplan export ORIGINAL --format json --out -

up to the normalisation below (or, for a transform that changes the plan on purpose, equal to
the original's JSON with that change applied).

Usage:
    python3 Tests/Markdown/transforms.py GOALPLAN_BINARY [--plans N] [--seed S]
                                         [--extra MODULE.py] [--keep DIR]

Plans
    N random plans made through the binary with the built-in flows (intake in self or
    facilitated mode; goals, then steps and reflect added with --plan; or the round-trip
    fixture flow, which puts a multi-line answer in every place that keeps lines), most then
    revisited once or twice (review rows, new and ticked steps) and given a safety plan;
    plus the fixture plans Tests/goalplanTests/Fixtures/shared-plan.md and
    Tests/goalplanTests/Snapshots/*.plan.md. Answers are sentences of varied length (some
    150-400 characters, so that wrapping matters), some of several lines, with Markdown
    metacharacters at line starts and inside text, and non-ASCII text. Every other plan
    (named ...-traps) also has text that some tools change by themselves (see TRAPS_INSIDE).

Transforms
    A transform is a function `fn(text: str) -> str` from a plan's Markdown to Markdown; it
    may call external tools. This file's own are in `TRANSFORMS = [(name, fn), ...]` below,
    and `--extra MODULE.py` adds the `TRANSFORMS` list of another file, in the same shape.

    A transform that changes the plan on purpose (a step reworded, a section added) carries
    `fn.expect(original_json, original_markdown) -> expected_json`; one without it must
    leave the plan as it was (an object in the expected JSON may be a `Loose` one, of which
    only some keys are compared). A transform may also carry `fn.must_survive`, text that must
    still be in `goalplan export --format markdown` of the transformed plan (compared with
    white space collapsed).

Normalisation
    Inside every string of both JSON documents, runs of spaces and tabs become one space and
    each line (split at "\\n") is trimmed of spaces and tabs. Three changes the tools make to
    the text itself are folded on both sides too: HTML entities are decoded (pandoc writes
    text that looks like an entity, `&copy;`, unescaped, so it reads as the character);
    typographic quotes, dashes, ellipses and no-break spaces become their ASCII forms (pandoc's
    own Markdown writes them so, and puts a no-break space after "e.g."); and text is compared
    in Unicode's composed form, NFC (canonically equivalent text is the same text). Nothing
    else: keys, numbers, list order, empty lists and line breaks are compared as they are. A line break inside an
    answer is significant (it is meant as a hard break in the Markdown, and a reader must
    keep it), while a reflowed paragraph may change spaces only.

Failures
    A check fails when a command exits non-zero (its standard error is shown), when the JSON
    differs (the first differing path and both values are shown), or when the reader's
    standard error says it kept a block as it was (KEPT_AS_IS below: a clean transform must
    leave nothing the reader cannot place). One line is printed for each failure, marked
    "[the transform changed what cmark-gfm renders]" when cmark-gfm (GFM: tables, task lists,
    autolinks, strikethrough) renders the transformed Markdown differently from the original,
    white space collapsed: there the tool changed the document, or the plan's Markdown means
    different things to different tools, and the reader is not the only suspect. With
    --keep DIR the original and transformed Markdown, the JSONs and standard error are
    written to DIR. The last line printed is the summary,
        markdown transforms: P plans x T transforms = C checks, F failed, K changed by the tool itself
    where F counts the failures not marked, and K the marked ones (listed above it, each with
    what changed). The exit status is 1 when F is not 0, 0 otherwise (2 for a usage error or
    a tool that could not be installed). The marked ones are the tools' own mistakes, found
    with this script: pandoc's GFM writer drops the escape of `\---` (a rule) and of `\- `
    after a hard break (a nested list); pandoc's own Markdown rewrites tables in its own
    styles, which no GFM reader reads as tables (plans before the list layout had tables).

Tools
    pandoc and cmark-gfm (apt-get install -y, with sudo when not root) and mdformat with its
    GitHub-flavoured plugin (pip install mdformat mdformat-gfm) are installed when missing.
    mdformat alone is CommonMark only: it reads a table as a paragraph, drops the backslash of
    `\\|` and, when wrapping, reflows the table's rows into one line, which changes what any
    GFM reader sees. The plugin is what makes "mdformat" a fair transform of a GFM plan.

Python 3.11 standard library only.
"""

import argparse
import concurrent.futures
import copy
import importlib.util
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "goalplanTests", "Fixtures")
SNAPSHOTS = os.path.join(ROOT, "Tests", "goalplanTests", "Snapshots")

# What the reader says on standard error about a block it could not place in the plan and
# kept as it was. After a clean transform there must be none.
KEPT_AS_IS = re.compile(r"kept as[- ]is|kept as it is", re.IGNORECASE)

# How long one command may take before its check fails.
COMMAND_TIMEOUT = 60


def fail_setup(message):
    print(f"transforms.py: {message}", file=sys.stderr)
    sys.exit(2)


# --------------------------------------------------------------------------------------------
# Tools: installed when absent, never silently skipped.


def _as_root(command):
    if os.geteuid() == 0:
        return command
    if shutil.which("sudo") is None:
        return None
    return ["sudo", "-n"] + command  # -n: never wait for a password (CI has no terminal)


def _quiet(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, **kwargs)


def _mdformat_ready():
    # The gfm extension is required on the command line, so a missing plugin is an error.
    r = subprocess.run([sys.executable, "-m", "mdformat", "--extensions", "gfm", "-"], input="- [ ] x\n",
                       capture_output=True, text=True)
    return r.returncode == 0 and r.stdout == "- [ ] x\n"


def ensure_tools():
    missing = [name for name in ("pandoc", "cmark-gfm") if shutil.which(name) is None]
    if missing:
        print(f"installing {' '.join(missing)} with apt-get", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = _as_root(["apt-get", "install", "-y", "--no-install-recommends"] + missing)
        update = _as_root(["apt-get", "update"])
        if install is None:
            fail_setup(f"{', '.join(missing)} missing, and not root with no sudo to install them")
        r = _quiet(install, env=env)
        if r.returncode != 0:  # the package lists may be missing or stale
            _quiet(update, env=env)
            r = _quiet(install, env=env)
        still = [name for name in missing if shutil.which(name) is None]
        if still:
            fail_setup(f"{', '.join(still)} still not found on PATH after apt-get install (exit {r.returncode}):\n"
                       + (r.stderr.strip() or r.stdout.strip())[-800:])
    if not _mdformat_ready():
        packages = ["mdformat", "mdformat-gfm"]
        print(f"installing {' '.join(packages)} with pip", flush=True)
        errors = []
        for extra in ([], ["--user"], ["--break-system-packages"], ["--user", "--break-system-packages"]):
            r = _quiet([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + extra
                       + packages)
            if r.returncode == 0 and _mdformat_ready():
                break
            errors.append(r.stderr.strip().splitlines()[-1:] or [""])
        else:
            fail_setup("could not install mdformat and mdformat-gfm with pip: "
                       + "; ".join(e[0] for e in errors if e[0]))


class ToolError(Exception):
    pass


def tool(command, text):
    """Runs an external tool on `text` (standard input) and returns its standard output."""
    try:
        r = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ToolError(f"{command[0]} took more than {COMMAND_TIMEOUT} s")
    if r.returncode != 0:
        raise ToolError(f"{' '.join(command)} exited {r.returncode}: {r.stderr.decode(errors='replace').strip()[:300]}")
    return r.stdout.decode("utf-8")


# --------------------------------------------------------------------------------------------
# Markdown, line by line: just enough block structure to transform plans without changing
# what a CommonMark/GFM parser reads.

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
THEMATIC = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
# A list item with text: indent, marker, the spaces after it, a task box if any.
ITEM = re.compile(r"^( {0,3})([-+*]|\d{1,9}[.)])( {1,4})(\[[ xX]\] +)?(?=\S)")
BULLET = re.compile(r"^( {0,3})([-+*])( {1,4})(?=\S)")
TASK = re.compile(r"\[[ xX]\](?: |$)")
DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def is_blank(line):
    return line.strip(" \t") == ""


def indent_of(line):
    return len(line) - len(line.lstrip(" "))


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def table_starts(lines, i):
    """Whether a GFM table starts at line i (a row with a pipe, then a delimiter row)."""
    return (i + 1 < len(lines) and "|" in lines[i] and DELIMITER_ROW.match(lines[i + 1]) is not None
            and ("|" in lines[i + 1] or lines[i].lstrip().startswith("|")))


def fenced_lines(lines):
    """The indexes of lines inside fenced code blocks (fences included), to leave alone."""
    inside, fence = set(), None
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            inside.add(i)
        elif fence is not None:
            inside.add(i)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and line.strip() == m.group(1):
                fence = None
    return inside


def unescaped_runs(text, token):
    """Offsets of `token` in text that are not backslash-escaped."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(token, i):
            out.append(i)
            i += len(token)
            continue
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# The transforms.

def mdformat(*options):
    def run(text):
        return tool([sys.executable, "-m", "mdformat", "--extensions", "gfm", *options, "-"], text)
    return run


def pandoc(*options):
    def run(text):
        return tool(["pandoc", *options], text)
    return run


def cmark_gfm(text):
    return tool(["cmark-gfm", "-t", "commonmark", "-e", "table", "-e", "tasklist", "-e", "autolink",
                 "-e", "strikethrough"], text)


def bom(text):
    return "\ufeff" + text


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def renumbered(tasks_only):
    """Bullets (only task items, or all) become `1.`, `2.`..., counting from 1 in each list;
    lines under an item move with its text, so they stay inside it."""
    def run(text):
        lines = text.split("\n")
        skip = fenced_lines(lines)
        out, number = [], 0
        column, shift = None, 0  # the current item's old text column, and how far its text moved
        previous_blank = True
        for i, line in enumerate(lines):
            m = BULLET.match(line)
            convert = (i not in skip and m is not None and not THEMATIC.match(line)
                       and (not tasks_only or TASK.match(line, m.end()) is not None))
            if convert:
                number += 1
                old = m.group(0)
                new = f"{m.group(1)}{number}.{m.group(3)}"
                out.append(new + line[len(old):])
                column, shift = len(old), len(new) - len(old)
            elif is_blank(line):
                out.append(line)
            elif column is not None and (indent_of(line) >= column or not previous_blank) and not ITEM.match(line):
                # Inside the item: indented to its text, or a lazy continuation line.
                if indent_of(line) >= column:
                    line = " " * (indent_of(line) + shift) + line.lstrip(" ")
                out.append(line)
            else:
                number, column = 0, None
                out.append(line)
            previous_blank = is_blank(line)
        return "\n".join(out)
    return run


def star_bullets(text):
    """`- ` bullets become `* ` (the text column does not move)."""
    lines = text.split("\n")
    skip = fenced_lines(lines)
    return "\n".join(
        BULLET.sub(lambda m: m.group(1) + "*" + m.group(3), line, count=1)
        if i not in skip and BULLET.match(line) and BULLET.match(line).group(2) == "-" and not THEMATIC.match(line)
        else line
        for i, line in enumerate(lines))


# A word that must not begin a continuation line: there it could start a list, heading,
# quote, HTML block, fence, table (cmark-gfm takes `--:` alone as a delimiter row), rule or
# setext underline. vim would break there and change the document; a fair wrap keeps the
# word on the line before.
UNSAFE_LINE_START = re.compile(r"^(?:[-+*]|\d{1,9}[.)]|#{1,6}|[-=*_]{2,}|:?-+:?|[>|<].*|`{3,}.*|~{3,}.*)$")


def hard_break(line):
    """Whether a line ends in a hard line break: two spaces, or an unescaped backslash."""
    if line.endswith("  ") and line.strip():
        return True
    stripped = line.rstrip(" \t")
    return (len(stripped) - len(stripped.rstrip("\\"))) % 2 == 1


def wrap_words(words, first_prefix, prefix, width):
    lines, current = [], first_prefix + words[0]
    for previous, word in zip(words, words[1:]):
        odd_backslash = (len(previous) - len(previous.rstrip("\\"))) % 2 == 1
        fits = display_width(current) + 1 + display_width(word) <= width
        if fits or UNSAFE_LINE_START.match(word) or odd_backslash:
            current += " " + word
        else:
            lines.append(current)
            current = prefix + word
    lines.append(current)
    return lines


def gq(width):
    """Hard wrap as vim's `gq` does: the lines of each paragraph and list item are joined and
    re-wrapped greedily at `width` columns, continuation lines indented to the item's text
    (after a task box). Headings, tables, rules, quotes, HTML and code are left alone; a hard
    line break ends a run of lines to wrap, and a line never starts with a word that would
    start another block there."""
    def run(text):
        lines = text.split("\n")
        skip = fenced_lines(lines)
        out, i, item_column, in_table = [], 0, None, False
        while i < len(lines):
            line = lines[i]
            if is_blank(line):
                in_table = False
                out.append(line)
                i += 1
                continue
            indent = indent_of(line)
            if item_column is not None and indent < item_column and not ITEM.match(line) and lines[i - 1].strip() == "":
                item_column = None
            code = indent >= 4 and (item_column is None or indent - item_column >= 4)
            if (i in skip or in_table or code or ATX.match(line) or THEMATIC.match(line)
                    or line.lstrip()[:1] in (">", "<", "|") or table_starts(lines, i)):
                in_table = in_table or table_starts(lines, i)
                out.append(line)
                i += 1
                continue
            m = ITEM.match(line)
            if m:
                first_prefix = m.group(0)
                prefix = " " * len(first_prefix)
                item_column = len(first_prefix)
                body = [line[m.end():]]
            else:
                first_prefix = prefix = " " * indent
                body = [line.lstrip(" ")]
            j = i + 1
            setext = False
            while j < len(lines):
                nxt = lines[j]
                if SETEXT_UNDERLINE.match(nxt):
                    setext = True
                    break
                if (is_blank(nxt) or j in skip or ATX.match(nxt) or THEMATIC.match(nxt) or ITEM.match(nxt)
                        or nxt.lstrip()[:1] in (">", "<", "|") or table_starts(lines, j)):
                    break
                body.append(nxt.lstrip(" \t"))
                j += 1
            if setext:  # a setext heading's text: leave it as it is
                out.extend(lines[i:j + 1])
                i = j + 1
                continue
            segment, first = [], True
            for k, part in enumerate(body):
                broken = hard_break(part)
                segment.extend(w for w in re.split(r"[ \t]+", part.strip(" \t")) if w)
                if broken or k == len(body) - 1:
                    if segment:
                        wrapped = wrap_words(segment, first_prefix if first else prefix, prefix, width)
                        if broken and part.endswith("  ") and k != len(body) - 1:
                            wrapped[-1] += "  "
                        out.extend(wrapped)
                        first = False
                    segment = []
            i = j
        return "\n".join(out)
    return run


def setext_headings(text):
    """`# Title` becomes `Title` over `=====`, and `## Title` over `-----`, where a setext
    heading can say the same: after a blank line, with text."""
    lines = text.split("\n")
    skip = fenced_lines(lines)
    out = []
    for i, line in enumerate(lines):
        m = ATX.match(line)
        title = (m.group(2) or "").strip() if m else ""
        # A closing run of #'s is not part of the title.
        title = re.sub(r"(?:^|[ \t]+)#+$", "", title).strip() if not title.endswith("\\#") else title
        if (m and i not in skip and len(m.group(1)) <= 2 and title and (i == 0 or is_blank(lines[i - 1]))
                and not lines[i].startswith(" ")):
            out.append(title)
            out.append(("=" if len(m.group(1)) == 1 else "-") * max(3, display_width(title)))
        else:
            out.append(line)
    return "\n".join(out)


def underscore_bold(text):
    """`**bold**` becomes `__bold__` (the plan's labels and questions)."""
    lines = text.split("\n")
    skip = fenced_lines(lines)
    out = []
    for i, line in enumerate(lines):
        runs = [] if i in skip else unescaped_runs(line, "**")
        if runs and "***" not in line:
            chars = list(line)
            for start in runs[: len(runs) // 2 * 2]:
                chars[start] = chars[start + 1] = "_"
            line = "".join(chars)
        out.append(line)
    return "\n".join(out)


def tables_without_outer_pipes(text):
    """`| a | b |` rows become `a | b`, in tables where no row starts or ends with an empty
    cell (there the outer pipe is needed)."""
    lines = text.split("\n")
    skip = fenced_lines(lines)
    out, i = [], 0
    while i < len(lines):
        if i in skip or not table_starts(lines, i):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and not is_blank(lines[j]) and "|" in lines[j]:
            j += 1
        rows = [line.strip() for line in lines[i:j]]

        def inner(row):
            if row.startswith("|"):
                row = row[1:]
            pipes = unescaped_runs(row, "|")
            if pipes and row.rstrip().endswith("|") and pipes[-1] == len(row.rstrip()) - 1:
                row = row.rstrip()[:-1]
            return row.strip()

        cut = [inner(row) for row in rows]
        if all(c and not c.startswith("|") and not c.endswith("|") for c in cut) and all(
                r.startswith("|") and r.endswith("|") for r in rows):
            # The outer cells must not be empty, or the row would lose a cell.
            if all(unescaped_runs(c, "|") and c.split("|")[0].strip() and c.split("|")[-1].strip() for c in cut):
                out.extend(cut)
                i = j
                continue
        out.extend(lines[i:j])
        i = j
    return "\n".join(out)


REWORDED_STEP = "Reworded by hand: walk to the park after lunch on Sunday"


def _step_to_reword(text):
    """(goal index, step index, first line, end line, box) of the middle step of the first
    goal with a Steps list, or None."""
    lines = text.split("\n")
    skip = fenced_lines(lines)
    goal, in_steps, items = -1, False, []
    for i, line in enumerate(lines):
        if i in skip:
            continue
        m = ATX.match(line)
        if m:
            if items:
                break
            title = (m.group(2) or "").strip()
            if len(m.group(1)) == 2 and re.match(GOAL_HEADING, title):
                goal += 1
            if len(m.group(1)) <= 2:
                in_steps = False
            if len(m.group(1)) == 3:
                in_steps = goal >= 0 and title in ("Steps", "Pasos")
            continue
        if not in_steps:
            continue
        item = BULLET.match(line)
        if item:
            box = TASK.match(line, item.end())
            items.append([i, i + 1, box.group(0)[:3] if box else "[ ]"])
        elif items and not is_blank(line) and items[-1][1] == i:
            items[-1][1] = i + 1  # a further line of the step
    if not items:
        return None
    k = len(items) // 2
    return goal, k, items[k][0], items[k][1], items[k][2]


def step_reworded(text):
    """One step's text is replaced, as a person would in an editor."""
    found = _step_to_reword(text)
    if found is None:
        return text
    _, _, start, end, box = found
    lines = text.split("\n")
    return "\n".join(lines[:start] + [f"- {box} {REWORDED_STEP}"] + lines[end:])


def _expect_step_reworded(original, markdown):
    found = _step_to_reword(markdown)
    if found is not None:
        goal, k = found[0], found[1]
        original["goals"][goal]["steps"][k]["text"] = REWORDED_STEP
    return original


step_reworded.expect = _expect_step_reworded

OWN_SECTION_HEADING = "My own notes"
OWN_SECTION_BODY = ("Things I noticed between sessions, in my own words.\n\n"
                    "- Mornings are easier after a walk\n- Ask about the sleep clinic")


def _section_place(text):
    """The line a hand-written section goes before: the middle `## ` heading (or the end)."""
    lines = text.split("\n")
    skip = fenced_lines(lines)
    headings = [i for i, line in enumerate(lines) if i not in skip and line.startswith("## ")]
    return headings[len(headings) // 2] if headings else len(lines)


def section_added(text):
    """A section of the person's own is added in the middle of the plan."""
    lines = text.split("\n")
    at = _section_place(text)
    return "\n".join(lines[:at] + [f"## {OWN_SECTION_HEADING}", "", *OWN_SECTION_BODY.split("\n"), ""] + lines[at:])


# A goal's heading in an English or a Spanish plan.
GOAL_HEADING = r"(?:Goal|Meta) (\d+)"


def _section_name(line):
    """What the JSON calls the section under a `## ` heading: its title, `Goal N` for a goal
    (in a plan of any language: the JSON's names are not translated)."""
    title = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line[3:].strip())
    goal = re.match(GOAL_HEADING, title)
    return f"Goal {goal.group(1)}" if goal else title


def _expect_section_added(original, markdown):
    if "extraSections" not in original:
        return original  # not in the JSON: must_survive checks the Markdown export instead
    # Sections are listed in the order they appear: the new one goes after the hand-written
    # sections above it.
    lines = markdown.split("\n")[: _section_place(markdown)]
    existing = {" ".join(s.get("heading", "").split()) for s in original["extraSections"]}
    existing.discard("")
    before = sum(1 for line in lines if line.startswith("## ") and " ".join(line[3:].split()) in existing)
    above = [line for line in lines if line.startswith("## ")]
    # README: `heading` and `markdown`; `section` (where it was found: after that section, none
    # at the top) is checked where the export gives it; other keys are not compared.
    entry = Loose({"heading": OWN_SECTION_HEADING, "markdown": OWN_SECTION_BODY},
                  {"section": _section_name(above[-1]) if above else MISSING})
    original["extraSections"].insert(before, entry)
    return original


section_added.expect = _expect_section_added
section_added.must_survive = [OWN_SECTION_HEADING] + [
    line.lstrip("- ") for line in OWN_SECTION_BODY.split("\n") if line]


TRANSFORMS = [
    ("mdformat", mdformat()),
    ("mdformat --wrap 60", mdformat("--wrap", "60")),
    ("pandoc gfm", pandoc("-f", "gfm", "-t", "gfm")),
    ("pandoc gfm --wrap=none", pandoc("-f", "gfm", "-t", "gfm", "--wrap=none")),
    ("pandoc gfm --columns=60", pandoc("-f", "gfm", "-t", "gfm", "--columns=60")),
    ("pandoc markdown", pandoc("-f", "markdown", "-t", "markdown")),
    ("cmark-gfm commonmark", cmark_gfm),
    ("tasks numbered", renumbered(tasks_only=True)),
    ("all bullets numbered", renumbered(tasks_only=False)),
    ("* bullets", star_bullets),
    ("BOM", bom),
    ("CRLF", crlf),
    ("gq at 72", gq(72)),
    ("setext headings", setext_headings),
    ("__bold__", underscore_bold),
    ("tables without outer pipes", tables_without_outer_pipes),
    ("step reworded", step_reworded),
    ("section added", section_added),
]


# --------------------------------------------------------------------------------------------
# Random answers: realistic sentences, some long, some of several lines, with Markdown
# metacharacters and non-ASCII text. No words the safety screen looks for, except where a
# check-in is wanted on purpose.

SUBJECTS = ["I", "We", "My sister", "My partner and I", "The kids", "Zoë", "My manager", "Our neighbour",
            "My GP", "José", "Grandad", "My flatmate"]
VERBS = ["would like to", "could try to", "want to", "will", "might", "keep meaning to", "hope to", "plan to",
         "sometimes manage to", "am learning to"]
ACTIONS = ["walk for twenty minutes after lunch", "go to bed before eleven", "call Mum on Sundays",
           "cook a proper dinner twice a week", "leave the phone in the kitchen at night", "take the stairs at work",
           "write three lines in a journal", "ask for help sooner", "sit outside with a coffee",
           "finish the tax forms", "go to the Tuesday choir", "swim at the leisure centre",
           "drink less coffee after two", "tidy the desk on Fridays", "read a chapter before sleep",
           "say no to extra shifts", "meet Priya for a walk", "practise slow breathing on the bus"]
TAILS = ["most days", "on weekdays", "when the weather is kind", "even when I am tired", "before the school run",
         "at least twice a week", "until the end of term", "after the night shift", "with a friend",
         "and notice how it feels", "without checking email first", "for the next month"]
NON_ASCII = ["café", "naïve", "Zoë", "Ærøskøbing", "straße", "😊", "🏳️‍🌈", "👩‍👩‍👧", "日本語の練習", "中文课",
             "한국어", "ñandú", "résumé", "São Paulo", "Ελληνικά"]
# Text with a meaning in Markdown, inside a line.
INSIDE = ["*really*", "_quietly_", "snake_case_name", "**bold**", "#3", "issue #12", "a - b", "x + y", "5 * 3",
          "1. first", "a > b", "a | b", "C:\\Users\\sam", "<div>", "<b>hi</b>", "[x]", "[ ]", "`code`", "```",
          "www.example.org", "https://example.org/plain", "[a link](https://example.org)", "50%", "__init__", "!",
          "<!-- note -->", "\\*", "\\", "{{name}}", "![img](x.png)", "a\\b", "tea & toast", "3 < 4", "--", "e.g."]
# Text with a meaning in Markdown at the start of a line.
START = ["* ", "- ", "+ ", "# ", "## ", "#", "1. ", "2) ", "10. ", "> ", "| ", "\\", "<", "<div> ", "[x] ", "[ ] ",
         "- [ ] ", "`", "```", "~~~ ", "---", "=== ", "***", "_", "**", ": ", "    ", "-"]
# Text that the tools themselves change, or read differently from cmark-gfm, once the plan's
# writer has escaped it (found with this script, and marked by it as TOOL_CHANGED):
#   \&amp; and \&copy;: pandoc's gfm writer drops the backslash, so they read as & and ©;
#   a bare URL with _: written https://example.org/a\_b, which cmark-gfm's autolinks show
#     with the backslash, while pandoc ends the link before it;
#   \~: mdformat-gfm drops the backslash, and cmark-gfm then reads ~a~ as struck through;
#   quotes, dashes and ellipses: pandoc's markdown writes … as ... (it also reads `\[x\]` at
#     an item's start as a task box, but that stays in every plan).
# Every other plan has them (its name ends in -traps), so that the rest show what the reader
# makes of each tool's output.
TRAPS_INSIDE = ["&amp;", "&copy;", "https://example.org/a_b", "<https://example.org/x_y>", "~~struck~~", "~tilde~",
                "“quoted”", "—", "…"]
TRAPS_START = ["&amp; "]


class TextRandom(random.Random):
    """A random source that knows which words a plan's answers are made of."""

    def __init__(self, seed, traps):
        super().__init__(seed)
        self.inside = INSIDE + TRAPS_INSIDE if traps else INSIDE
        self.start = START + TRAPS_START if traps else START


def sentence(rng):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ACTIONS)} {rng.choice(TAILS)}"
    words = s.split(" ")
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        words.insert(rng.randrange(1, len(words) + 1), rng.choice(rng.inside))
    if rng.random() < 0.35:
        words.insert(rng.randrange(1, len(words) + 1), rng.choice(NON_ASCII))
    if rng.random() < 0.05:
        words.insert(rng.randrange(1, len(words)), "")  # a double space
    return " ".join(words) + rng.choice([".", ".", ".", "!", "?", ";", ":"])


def line_of_text(rng, size):
    """One line: 'short' (a few words), 'medium' (a sentence) or 'long' (150-400 characters)."""
    if size == "short":
        s = " ".join(rng.choice(ACTIONS).split(" ")[: rng.randint(2, 5)]).capitalize()
        if rng.random() < 0.3:
            s += " " + rng.choice(rng.inside + NON_ASCII)
    elif size == "medium":
        s = sentence(rng)
    else:
        target = rng.randint(150, 400)
        s = sentence(rng)
        while len(s) < target:
            s += " " + sentence(rng)
        s = s[:400].rstrip()
    if rng.random() < 0.3:
        s = rng.choice(rng.start) + s
    return s


def answer(rng, lines=1, long_share=0.25):
    size = lambda: "long" if rng.random() < long_share else rng.choice(["short", "medium", "medium"])
    count = rng.choice([1, 1, 2, 2, 3, 4]) if lines > 1 else 1
    return "\n".join(line_of_text(rng, size()) for _ in range(count))


def items(rng, low, high, long_share=0.15):
    return [answer(rng, long_share=long_share) for _ in range(rng.randint(low, high))]


def title(rng):
    s = line_of_text(rng, rng.choice(["short", "short", "medium"]))
    return s[:190]


def _roundtrip_module():
    """Tests/Fuzz/roundtrip.py, whose YAML quoting the answers files here share."""
    spec = importlib.util.spec_from_file_location("roundtrip", os.path.join(ROOT, "Tests", "Fuzz", "roundtrip.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# A double-quoted YAML string that any text survives (escapes for all but printable ASCII).
yaml_string = _roundtrip_module().yaml_string


def yaml_mapping(d, indent=0):
    out = []
    for k, v in d.items():
        if isinstance(v, (str, int)):
            out.append(" " * indent + f"{k}: {yaml_string(str(v))}\n")
        elif all(isinstance(x, (str, int)) for x in v):
            out.append(" " * indent + f"{k}: [" + ", ".join(yaml_string(str(x)) for x in v) + "]\n")
        else:
            out.append(" " * indent + f"{k}:\n")
            for entry in v:
                body = yaml_mapping(entry, indent + 4)
                out.append(" " * (indent + 2) + "- " + body[indent + 4:])
    return "".join(out)


AREAS = ["resilience", "behaviour", "thinking", "growth", "relationships"]
LIFE_AREAS = ["feelings", "habits", "thoughts", "self", "people", "work", "body"]
DECISIONS = ["keep", "adjust", "achieved", "pause", "let_go"]


def goals_answers(rng, count):
    goals = []
    for _ in range(count):
        g = {"goal": title(rng), "area": rng.choice(AREAS), "why": answer(rng, long_share=0.4),
             "measure": answer(rng), "rating": rng.randint(0, 10), "importance": rng.randint(0, 10),
             "confidence": rng.randint(0, 10), "ladder": rng.choice(["yes", "no"])}
        if rng.random() < 0.2:
            g["sharper"] = title(rng)
        if g["confidence"] <= 4:
            g["more_sure"] = answer(rng)
        if g["ladder"] == "yes":
            for key in ("level_minus2", "level_minus1", "level_expected", "level_plus1", "level_plus2"):
                g[key] = answer(rng, long_share=0.2)
            g["level_start"] = str(rng.choice([-2, -1, -1, 0]))
        goals.append(g)
    return {"goals": goals}


def steps_answers(rng, count):
    rounds = []
    for _ in range(count):
        steps = items(rng, 1, 3, long_share=0.3)
        r = {"steps": steps, "first_step": str(rng.randint(1, len(steps)))}
        obstacles = [{"obstacle": answer(rng), "obstacle_plan": answer(rng, long_share=0.3)}
                     for _ in range(rng.choice([0, 0, 1, 2]))]
        if obstacles:
            r["obstacles"] = obstacles
        r["helpers"] = items(rng, 0, 3)
        rounds.append(r)
    return {"goal_steps": rounds}


def reflect_answers(rng, check_in=False):
    concerns = items(rng, 1, 5)
    if check_in:  # words the safety screen notices: the clinician's part gains a check-in
        concerns.append("Some days I feel like a burden to everyone")
    return {"life_areas": rng.sample(LIFE_AREAS, rng.randint(0, 3)), "challenges": concerns,
            "different": answer(rng, lines=3, long_share=0.4), "strengths": items(rng, 0, 4),
            "supports": items(rng, 0, 4)}


def intake_answers(rng, facilitated):
    goals = rng.randint(1, 3)
    a = {"name": line_of_text(rng, "short")[:60] if rng.random() < 0.8 else ""}
    a.update(reflect_answers(rng, check_in=facilitated and rng.random() < 0.4))
    if rng.random() < 0.7:
        a["values"] = answer(rng, long_share=0.3)
    if rng.random() < 0.7:
        a["expectations"] = answer(rng, long_share=0.3)
    # Each goal's steps are planned in its own round, right after it is chosen.
    rounds = goals_answers(rng, goals)["goals"]
    for goal, steps in zip(rounds, steps_answers(rng, goals)["goal_steps"]):
        goal.update(steps)
    a["goals"] = rounds
    if facilitated:
        a["approach"] = rng.sample(["cbt", "act", "dbt", "ba", "emdr", "psychodynamic", "systemic", "other"],
                                   rng.randint(1, 2))
        a["interventions"] = answer(rng, lines=3, long_share=0.3)
        a["risk"] = rng.choice(["none_now", "concerns", "not_yet"])
        a["safety_plan"] = rng.choice(["made", "has_one", "declined", "not_needed"])
        a["frequency"] = rng.choice(["weekly", "fortnightly", "monthly", "other"])
        a["sessions"] = rng.choice(["8", "12", "open"])
        a["measures"] = rng.sample(["gbo", "gas", "phq9", "gad7"], rng.randint(1, 3))
        a["homework"] = answer(rng, lines=2, long_share=0.3)
    a["review"] = "2026-12-11"
    return a


def roundtrip_answers(rng):
    """For Tests/goalplanTests/Fixtures/roundtrip.yaml: a multi-line answer in every place that keeps lines."""
    goals = []
    for _ in range(rng.randint(1, 2)):
        g = {"title": title(rng), "why": answer(rng, lines=3, long_share=0.4), "steps": items(rng, 0, 3, 0.3),
             "first": answer(rng), "helpers": items(rng, 0, 2), "aside": answer(rng)}
        g["obstacles"] = [{"what": answer(rng), "plan": answer(rng, lines=3, long_share=0.3)}
                          for _ in range(rng.randint(0, 2))]
        goals.append(g)
    return {"name": line_of_text(rng, "short")[:60], "concerns": items(rng, 1, 4),
            "hopes": answer(rng, lines=3, long_share=0.4), "strengths": items(rng, 0, 3), "free": answer(rng),
            "story": answer(rng, lines=3, long_share=0.4), "things": items(rng, 0, 3), "goals": goals,
            "warning": items(rng, 0, 3)}


def review_answers(rng, plan_json, next_review):
    rounds = []
    for goal in plan_json.get("goals", []):
        rating = str(rng.randint(0, 10))
        steps = len(goal.get("steps", []))
        r = {"rating_again": rating, "rating_first": rating, "helped": answer(rng, long_share=0.3),
             "hindered": answer(rng) if rng.random() < 0.7 else "",
             "done": [str(n) for n in range(1, steps + 1) if rng.random() < 0.4],
             "new_steps": items(rng, 0, 2, 0.3), "decision": rng.choice(DECISIONS), "reason": answer(rng),
             "confidence_again": str(rng.randint(0, 10))}
        levels = [i - 2 for i, text in enumerate(goal.get("levels", [])) if text]
        if levels:
            r["level"] = str(rng.choice(levels))
        if r["decision"] == "adjust" and rng.random() < 0.7:
            r["reworded"] = title(rng)
        rounds.append({"look_again": "yes", "this_goal": [r]} if goal.get("reached") else {"this_goal": [r]})
    answers = {"review": rounds, "next_review": next_review}
    # Now and then a measure too, scored item by item.
    picked = rng.choice([[], [], ["phq9"], ["gad7"], ["phq9", "gad7"]])
    answers["questionnaires"] = picked
    for measure, count in (("phq9", 9), ("gad7", 7)):
        if measure in picked:
            for n in range(1, count + 1):
                answers[f"{measure}_{n}"] = str(rng.randint(0, 3) if n < 9 else 0)
            answers[f"{measure}_difficulty"] = str(rng.randint(0, 3))
    return answers


def safety_answers(rng):
    return {key: items(rng, 0 if key != "warning_signs" else 1, 3)
            for key in ("warning_signs", "coping", "distractions", "people", "professionals", "surroundings",
                        "reasons")}


# --------------------------------------------------------------------------------------------
# Running the binary.

class CommandFailed(Exception):
    pass


def goalplan(binary, args, folder):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": folder, "XDG_STATE_HOME": folder,
           "LANG": "C.UTF-8", "NO_COLOR": "1"}
    try:
        r = subprocess.run([binary] + args, cwd=folder, capture_output=True, env=env, stdin=subprocess.DEVNULL,
                           timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CommandFailed(f"goalplan {' '.join(args)} took more than {COMMAND_TIMEOUT} s")
    stderr = r.stderr.decode("utf-8", errors="replace")
    if r.returncode != 0:
        raise CommandFailed(f"goalplan {args[0]} exited {r.returncode}: {one_line(stderr, 300)}")
    return r.stdout.decode("utf-8", errors="replace"), stderr


def export_json(binary, path, folder):
    out, stderr = goalplan(binary, ["export", path, "--format", "json", "--out", "-"], folder)
    return json.loads(out), stderr


def make_plan(binary, seed, folder):
    """A random plan made through the binary's flows in `folder`: (its name, its Markdown)."""
    traps = seed % 2 == 1
    rng = TextRandom(seed, traps)
    recipe = rng.choice(["intake", "intake", "intake", "pieces", "roundtrip"])
    facilitated = recipe == "intake" and rng.random() < 0.6
    mode = ["--mode", "facilitated" if facilitated else "self"]
    # One plan in four is made in Spanish: its headings, labels and dates must survive too.
    spanish = seed % 4 == 2
    common = ["--no-save", "--region", "US"] + (["--lang", "es"] if spanish else [])
    plan = "plan.md"

    def start(flow, answers, date, extra=()):
        name = f"answers-{flow}-{date}.yaml"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(yaml_mapping(answers))
        goalplan(binary, ["start", flow, "--answers", name, "--date", date, *extra, *common], folder)

    if recipe == "intake":
        start("intake", intake_answers(rng, facilitated), "2026-11-27", ["--out", plan, *mode])
    elif recipe == "pieces":  # goals first, then steps and reflection added to the plan
        goals = rng.randint(1, 3)
        start("goals", goals_answers(rng, goals), "2026-11-27", ["--out", plan])
        start("steps", steps_answers(rng, goals), "2026-11-27", ["--plan", plan])
        start("reflect", reflect_answers(rng), "2026-11-28", ["--plan", plan])
    else:
        start("roundtrip", roundtrip_answers(rng), "2026-11-27", ["--out", plan, "--prompts", FIXTURES])
    for date, next_review in [("2026-12-11", "2027-01-08"), ("2027-01-08", "2027-02-05")][: rng.choice([0, 1, 1, 2])]:
        current, _ = export_json(binary, plan, folder)
        name = f"review-{date}.yaml"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(yaml_mapping(review_answers(rng, current, next_review)))
        goalplan(binary, ["revisit", plan, "--answers", name, "--date", date, *mode, *common], folder)
    if rng.random() < 0.7:
        start("safety-plan", safety_answers(rng), "2027-01-09", ["--plan", plan, *mode])
    with open(os.path.join(folder, plan), encoding="utf-8") as f:
        name = f"gen-{seed:03d}-{recipe}{'-facilitated' if facilitated else ''}{'-traps' if traps else ''}"
        return name + ("-es" if spanish else ""), f.read()


# --------------------------------------------------------------------------------------------
# Comparing.

MISSING = object()


class Loose(dict):
    """An expected JSON object of which only some keys are certain: its own are compared as
    usual; each key of `optional` is compared only when the export has it (MISSING: it must
    not); any other key of the export is not compared."""

    def __init__(self, required, optional):
        super().__init__(required)
        self.optional = optional


# Text the tools change themselves, folded on both sides (see Normalisation above).
TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "---",
                            "\u2013": "--", "\u2026": "...", "\u00a0": " "})


def normalise(value):
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", html.unescape(value)).translate(TYPOGRAPHY)
        return "\n".join(re.sub(r"[ \t]+", " ", line).strip(" \t") for line in value.split("\n"))
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, Loose):
        return Loose(normalise(dict(value)), {k: normalise(v) for k, v in value.optional.items()})
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


def first_difference(want, got, path="$"):
    """The first path at which two JSON values differ, with both values, or None."""
    if isinstance(want, dict) and isinstance(got, dict):
        keys = set(want) | set(got)
        if isinstance(want, Loose):
            keys = set(want) | (set(want.optional) & set(got))
            want = {**want.optional, **want}
        for key in sorted(keys):
            d = first_difference(want.get(key, MISSING), got.get(key, MISSING), f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(want, list) and isinstance(got, list):
        for i in range(max(len(want), len(got))):
            d = first_difference(want[i] if i < len(want) else MISSING, got[i] if i < len(got) else MISSING,
                                 f"{path}[{i}]")
            if d:
                return d
        return None
    if want != got or type(want) is not type(got):
        return path, want, got
    return None


def one_line(text, limit):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visible(c):
    """A character as shown in a failure: white space other than a space, and controls and
    format characters (U+00A0, U+200B...), as escapes, so that a difference in one shows."""
    return f"\\u{ord(c):04x}" if c != " " and unicodedata.category(c)[0] in "ZC" else c


def shown(value, limit=60):
    if value is MISSING:
        return "(absent)"
    text = "".join(visible(c) for c in json.dumps(value, ensure_ascii=False))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def around_difference(a, b, before=20):
    """Both strings from a little before their first difference, so the difference shows."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, i - before)
    mark = "…" if start else ""
    return mark + a[start:], mark + b[start:]


def collapse(text):
    return " ".join(text.split())


TOOL_CHANGED = "[the transform changed what cmark-gfm renders]"


def rendering(text):
    """What cmark-gfm makes of a plan, to tell a reader's mistake from a tool's: the HTML with
    white space collapsed (a reflowed line is the same text) and ordered lists as bullets."""
    # The extensions goalplan's reader uses: tables and task lists.
    html = tool(["cmark-gfm", "--unsafe", "-e", "table", "-e", "tasklist"], text.lstrip("\ufeff"))
    html = re.sub(r'<ol(?: start="\d+")?>', "<ul>", html).replace("</ol>", "</ul>")
    return re.sub(r"[ \t\r\n]+", " ", html).strip()  # ASCII white space only: U+00A0 is a change


def check(binary, original_md, original_json, fn, work):
    """One plan through one transform. Returns None, or (problem, artifacts).

    A failing check of a transform meant to keep the plan is marked TOOL_CHANGED when
    cmark-gfm renders the transformed Markdown differently from the original: then the tool
    changed the document (or the plan's Markdown means different things to different tools),
    and no reader can be blamed alone."""
    result = _check(binary, original_md, original_json, fn, work)
    if result and not hasattr(fn, "expect") and "transformed.md" in result[1]:
        try:
            if rendering(original_md) != rendering(result[1]["transformed.md"]):
                result = (f"{result[0]} {TOOL_CHANGED}", result[1])
        except ToolError:
            pass
    return result


def _check(binary, original_md, original_json, fn, work):
    artifacts = {"original.md": original_md, "original.json": json.dumps(original_json, indent=2, ensure_ascii=False)}
    folder = tempfile.mkdtemp(dir=work)
    try:
        try:
            transformed = fn(original_md)
        except Exception as e:  # a tool that failed, or a bug in an extra transform
            return f"transform failed: {one_line(e, 200)}", artifacts
        artifacts["transformed.md"] = transformed
        path = os.path.join(folder, "plan.md")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(transformed)
        expect = getattr(fn, "expect", None)
        want = expect(copy.deepcopy(original_json), original_md) if expect else original_json
        if expect:
            artifacts["expected.json"] = json.dumps(want, indent=2, ensure_ascii=False)
        try:
            got, stderr = export_json(binary, "plan.md", folder)
        except CommandFailed as e:
            return str(e), artifacts
        except json.JSONDecodeError as e:
            return f"export wrote no JSON: {e}", artifacts
        artifacts["transformed.json"] = json.dumps(got, indent=2, ensure_ascii=False)
        if stderr.strip():
            artifacts["stderr.txt"] = stderr
        if KEPT_AS_IS.search(stderr):
            return f"reader kept a block as it was: {one_line(stderr, 160)}", artifacts
        d = first_difference(normalise(want), normalise(got))
        if d:
            where, a, b = d
            if isinstance(a, str) and isinstance(b, str):
                a, b = around_difference(a, b)
            return f"{where}: expected {shown(a)}, got {shown(b)}", artifacts
        for text in getattr(fn, "must_survive", []):
            try:
                md, _ = goalplan(binary, ["export", "plan.md", "--format", "markdown", "--out", "-"], folder)
            except CommandFailed as e:
                return str(e), artifacts
            if collapse(text) not in collapse(md):
                artifacts["export.md"] = md
                return f"export --format markdown lost {shown(text)}", artifacts
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def slug(text):
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "x"


def load_extra(path):
    spec = importlib.util.spec_from_file_location(f"extra_{slug(os.path.basename(path))}", path)
    if spec is None or spec.loader is None:
        fail_setup(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    transforms = getattr(module, "TRANSFORMS", None)
    if not isinstance(transforms, list) or not all(
            isinstance(t, tuple) and len(t) == 2 and isinstance(t[0], str) and callable(t[1]) for t in transforms):
        fail_setup(f"{path} must define TRANSFORMS = [(name, fn), ...]")
    return transforms


def main():
    parser = argparse.ArgumentParser(description="Plans read the same after real Markdown tools rewrite them.")
    parser.add_argument("binary", help="the goalplan binary, e.g. .build/debug/goalplan")
    parser.add_argument("--plans", type=int, default=16, help="random plans to make (default 16; fixtures are added)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the random plans (default 1)")
    parser.add_argument("--extra", action="append", default=[], metavar="MODULE.py",
                        help="a Python file with TRANSFORMS = [(name, fn), ...] to run too (may be repeated)")
    parser.add_argument("--keep", metavar="DIR", help="write each failure's Markdown, JSON and stderr here")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        fail_setup(f"{args.binary} is not an executable goalplan")

    transforms = list(TRANSFORMS)
    for path in args.extra:
        transforms += load_extra(path)
    names = [name for name, _ in transforms]
    if len(set(names)) != len(names):
        fail_setup("two transforms have the same name")
    ensure_tools()

    work = tempfile.mkdtemp(prefix="goalplan-transforms-")
    workers = max(2, os.cpu_count() or 2)
    try:
        # The plans: made through the binary, and the fixtures.
        def generated(seed):
            folder = tempfile.mkdtemp(dir=work)
            try:
                return make_plan(binary, seed, folder)
            except CommandFailed as e:
                return f"gen-{seed:03d}", e
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            made = list(pool.map(generated, [args.seed * 1000 + i for i in range(args.plans)]))
        fixtures = [os.path.join(FIXTURES, "shared-plan.md")] + sorted(
            os.path.join(SNAPSHOTS, f) for f in os.listdir(SNAPSHOTS) if f.endswith(".plan.md"))
        for path in fixtures:
            with open(path, encoding="utf-8") as f:
                made.append((f"fixture-{os.path.basename(path)[:-3]}", f.read()))

        # Each plan read as it is: what every transform is compared with.
        def read_original(entry):
            name, md = entry
            if isinstance(md, Exception):
                return name, None, None, f"making the plan failed: {md}"
            folder = tempfile.mkdtemp(dir=work)
            with open(os.path.join(folder, "plan.md"), "w", encoding="utf-8") as f:
                f.write(md)
            try:
                data, stderr = export_json(binary, "plan.md", folder)
            except (CommandFailed, json.JSONDecodeError) as e:
                return name, md, None, f"reading the original failed: {one_line(e, 200)}"
            if KEPT_AS_IS.search(stderr):
                return name, md, None, f"reading the original kept a block as it was: {one_line(stderr, 160)}"
            return name, md, data, None
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            plans = list(pool.map(read_original, made))

        jobs = {}
        failures = []
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            for p, (_, md, data, problem) in enumerate(plans):
                for t, (_, fn) in enumerate(transforms):
                    if problem:
                        failures.append((p, t, problem, {"original.md": md or ""}))
                        continue
                    jobs[pool.submit(check, binary, md, data, fn, work)] = (p, t)
            for future in concurrent.futures.as_completed(jobs):
                p, t = jobs[future]
                try:
                    result = future.result()
                except Exception as e:  # a bug here must show, not pass
                    result = (f"check crashed: {one_line(repr(e), 200)}", {})
                if result:
                    failures.append((p, t, result[0], result[1]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    failures.sort(key=lambda f: (f[0], f[1]))
    for p, t, problem, artifacts in failures:
        print(f"FAIL {plans[p][0]} | {names[t]} | {problem}")
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            stem = os.path.join(args.keep, f"{plans[p][0]}--{slug(names[t])}")
            for suffix, content in artifacts.items():
                with open(f"{stem}.{suffix}", "w", encoding="utf-8", newline="") as f:
                    f.write(content)
            with open(f"{stem}.problem.txt", "w", encoding="utf-8") as f:
                f.write(problem + "\n")
    checks = len(plans) * len(transforms)
    blamed = sum(1 for f in failures if f[2].endswith(TOOL_CHANGED))
    print(f"markdown transforms: {len(plans)} plans x {len(transforms)} transforms = {checks} checks, "
          f"{len(failures) - blamed} failed, {blamed} changed by the tool itself")
    sys.exit(1 if len(failures) > blamed else 0)

if __name__ == "__main__":
    main()
