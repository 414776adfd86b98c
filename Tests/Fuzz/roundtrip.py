#!/usr/bin/env python3
"""Round trips through the goalplan binary, as a property.

For each case: random answers (combining marks and joiners, U+2028/2029, byte-order marks,
CR, tabs, escapes, a leading ':' and every Markdown metacharacter at the start of lines and
items) go into an answers file for Tests/goalplanTests/Fixtures/roundtrip.yaml; then

  goalplan start --answers   writes the plan,
  goalplan export --format json   must give back every answer as the rules in README's "How
                                  answers are kept" say (the oracle below implements them),
  goalplan show              must show every kept line,
  goalplan revisit --answers must keep every answer and add the review's answers exactly,

and the rules themselves must be idempotent.

Usage: Tests/Fuzz/roundtrip.py GOALPLAN_BINARY [CASES] [SEED]
Prints the count of cases and failures; keeps failing cases in .build-fuzz/roundtrip-failures/.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "goalplanTests", "Fixtures")

# --- The rules (README, "How answers are kept"; Sources/GoalPlanCore/Session/AnswerText.swift)

BREAKS = {"\n", "\r", "\u0085", "\u2028", "\u2029"}
WHITE = {chr(c) for c in list(range(0x09, 0x0E)) + [0x20, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B))
         + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]}
BIDI = {0x200E, 0x200F, 0x061C} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def split_lines(raw):
    out, line, i = [], [], 0
    while i < len(raw):
        c = raw[i]
        if c in BREAKS:
            out.append("".join(line))
            line = []
            if c == "\r" and i + 1 < len(raw) and raw[i + 1] == "\n":
                i += 1
        else:
            line.append(c)
        i += 1
    out.append("".join(line))
    return out


def clean(text):
    """TextSanitizer.clean: controls, escape sequences and reordering controls out; tab to space."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        v = ord(c)
        if v == 0x09:
            out.append(" ")
        elif v == 0x1B:
            i += 1
            if i < len(text):
                n = text[i]
                if n == "[":
                    i += 1
                    while i < len(text) and not (0x40 <= ord(text[i]) <= 0x7E):
                        i += 1
                elif n in "]PX^_":
                    i += 1
                    while i < len(text):
                        if ord(text[i]) == 0x07:
                            break
                        if ord(text[i]) == 0x1B:
                            i += 1
                            break
                        i += 1
        elif v == 0x9B:
            i += 1
            while i < len(text) and not (0x40 <= ord(text[i]) <= 0x7E):
                i += 1
        elif v < 0x20 or 0x7F <= v <= 0x9F or v in BIDI:
            pass
        else:
            out.append(c)
        i += 1
    return "".join(out)


def is_mark(c):
    return unicodedata.category(c) in ("Mn", "Mc", "Me") or ord(c) in (0x200B, 0x200C, 0x200D, 0x2060, 0x034F)


def one(raw):
    s = [c for c in clean(raw) if c != "\ufeff"]
    while s and (s[0] in WHITE or is_mark(s[0])):
        s.pop(0)
    while s:
        if s[-1] in WHITE:
            s.pop()
            continue
        if not is_mark(s[-1]):
            break
        start = len(s) - 1
        while start > 0 and is_mark(s[start - 1]):
            start -= 1
        if start > 0 and s[start - 1] in WHITE:
            del s[start:]
        else:
            break
    return "".join(s)


def one_line(raw):
    return " ".join(x for x in (one(l) for l in split_lines(raw)) if x)


def many_lines(raw):
    return [x for x in (one(l) for l in split_lines(raw)) if x]


# --- Random answers

PIECES = [
    "#", "## ", "- ", "* ", "+ ", "> ", "1. ", "2) ", "`", "```", "~~~", "_", "__", "*", "**", "[", "]", "(", ")",
    "![", "|", "\\", "<", ">", "&", "&amp;", "<br>", "---", "===", "    ", ":", "::", "[ ]", "[x]", "http://a.b/c",
    "<http://a.b>", "\\*", "- [ ] ", "|-|", "%", "{{name}}", "\"", "'", "!", "?", ".", ",", ";", "=", "~",
]
UNI = [
    "\u0301", "\u200d", "\u200c", "\u2028", "\u2029", "\ufeff", "\r", "\n", "\r\n", "\t", "\u00a0", "é", "ñ",
    "👩\u200d👩\u200d👧", "שלום", "\u202e", "\x1b[31m", "\x1b]0;x\x07", "\x07", "\u0085", "\u3000", "\u2003", "ß", "İ",
    "\u0338", "\ufe0f", "🏳️\u200d🌈", "\u034f", "\u2060",
]
WORDS = ["sleep", "walk", "Mum", "call", "I", "feel", "better", "a", "the", "10", "pm", "x", "Ä", "ok"]


def text(rng, lines=1):
    parts = []
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.3:
            parts.append(rng.choice(PIECES))
        elif r < 0.55:
            parts.append(rng.choice(UNI))
        else:
            parts.append(rng.choice(WORDS))
        if rng.random() < 0.4:
            parts.append(" " * rng.randint(1, 3))
    s = "".join(parts)
    if lines > 1 and rng.random() < 0.6:
        s += rng.choice(["\n", "\r\n", "\u2028", "\r"]) + text(rng)
    return s


def maybe(rng, make, empty=0.1):
    return "" if rng.random() < empty else make()


def items(rng, most=3):
    return [text(rng) for _ in range(rng.randint(0, most))]


def yaml_string(s):
    out = ['"']
    for c in s:
        v = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif 0x20 <= v < 0x7F:
            out.append(c)
        elif v <= 0xFF:
            out.append("\\x%02x" % v)
        elif v <= 0xFFFF:
            out.append("\\u%04x" % v)
        else:
            out.append("\\U%08x" % v)
    out.append('"')
    return "".join(out)


def yaml_value(v, indent):
    if isinstance(v, str):
        return yaml_string(v)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "[" + ", ".join(yaml_string(x) for x in v) + "]"
    if isinstance(v, list):
        lines = []
        for entry in v:
            body = yaml_mapping(entry, indent + 4).lstrip()
            lines.append("\n" + " " * (indent + 2) + "- " + body)
        return "".join(lines)
    raise TypeError(v)


def yaml_mapping(d, indent=0):
    return "".join(" " * indent + f"{k}: {yaml_value(v, indent)}\n" for k, v in d.items())


def make_case(rng):
    goals = []
    for _ in range(rng.randint(1, 2)):
        obstacles = [{"what": text(rng), "plan": text(rng, 2)} for _ in range(rng.randint(0, 2))]
        goals.append({
            "title": "Goal " + text(rng), "why": maybe(rng, lambda: text(rng, 3)), "steps": items(rng),
            "first": maybe(rng, lambda: text(rng)), "helpers": items(rng, 2), "aside": maybe(rng, lambda: text(rng)),
            "obstacles": obstacles,
        })
    case = {
        "name": maybe(rng, lambda: rng.choice([":", "#", "- ", ""]) + text(rng)),
        "concerns": items(rng), "hopes": maybe(rng, lambda: text(rng, 3)), "strengths": items(rng),
        "free": maybe(rng, lambda: text(rng, 2)), "story": maybe(rng, lambda: text(rng, 3)), "things": items(rng),
        "goals": goals, "warning": items(rng),
    }
    review = [{"this_goal": [{
        "rating_first": str(rng.randint(0, 10)), "helped": maybe(rng, lambda: text(rng, 2), 0.3),
        "confidence_again": str(rng.randint(0, 10)),
        "hindered": maybe(rng, lambda: text(rng), 0.3), "new_steps": items(rng, 2), "decision": "keep",
        "reason": maybe(rng, lambda: text(rng), 0.3),
    }]} for _ in goals]
    return case, {"review": review, "next_review": "2026-12-11"}


# --- What the plan must hold

def kept_items(values):
    return [x for x in (one_line(v) for v in values) if x]


def expected(case):
    want = {"name": one_line(case["name"]) or None, "concerns": kept_items(case["concerns"]),
            "hopes": ["\n".join(many_lines(case["hopes"]))] if many_lines(case["hopes"]) else [],
            "strengths": kept_items(case["strengths"]), "warning": kept_items(case["warning"])}
    notes = []
    if one_line(case["free"]):
        notes.append({"id": "free", "question": "Anything else?", "answer": one_line(case["free"])})
    if many_lines(case["story"]):
        notes.append({"id": "story", "question": "Tell me more?", "answer": "\n".join(many_lines(case["story"]))})
    if kept_items(case["things"]):
        notes.append({"id": "things", "question": "Some things?", "items": kept_items(case["things"])})
    want["notes"] = notes
    goals = []
    for g in case["goals"]:
        goal = {"title": one_line(g["title"]), "why": "\n".join(many_lines(g["why"])) or None,
                "steps": kept_items(g["steps"]), "firstStep": one_line(g["first"]) or None,
                "helpers": kept_items(g["helpers"]),
                "notes": [{"id": "aside", "question": "An aside?", "answer": one_line(g["aside"])}] if one_line(g["aside"]) else [],
                "obstacles": []}
        for o in g["obstacles"]:
            what, plan = one_line(o["what"]), "\n".join(many_lines(o["plan"]))
            if what or plan:
                goal["obstacles"].append({"what": what or "Something else", "plan": plan or None})
        goals.append(goal)
    want["goals"] = goals
    return want


def compare(want, got, where):
    problems = []

    def check(path, a, b):
        if a != b:
            problems.append(f"{where} {path}: expected {a!r}, got {b!r}")

    check("name", want["name"], got.get("name"))
    for key in ("concerns", "hopes", "strengths"):
        check(key, want[key], got.get(key, []))
    check("notes", want["notes"], got.get("notes", []))
    check("safetyPlan.warningSigns", want["warning"], got.get("safetyPlan", {}).get("warningSigns", []))
    gg = got.get("goals", [])
    check("goal count", len(want["goals"]), len(gg))
    for i, (w, g) in enumerate(zip(want["goals"], gg)):
        check(f"goals[{i}].title", w["title"], g.get("title"))
        check(f"goals[{i}].why", w["why"], g.get("why"))
        check(f"goals[{i}].steps", w["steps"], [s["text"] for s in g.get("steps", [])][:len(w["steps"])])
        check(f"goals[{i}].firstStep", w["firstStep"], g.get("firstStep"))
        check(f"goals[{i}].helpers", w["helpers"], g.get("helpers", []))
        check(f"goals[{i}].notes", w["notes"], g.get("notes", []))
        check(f"goals[{i}].obstacles", w["obstacles"],
              [{"what": o.get("what"), "plan": o.get("plan")} for o in g.get("obstacles", [])])
    return problems


def run(binary, args, cwd, stdin=None):
    return subprocess.run([binary] + args, cwd=cwd, capture_output=True, input=stdin,
                          env={"PATH": "/usr/bin:/bin", "HOME": cwd, "LANG": "C.UTF-8", "NO_COLOR": "1"})


def one_case(args):
    binary, seed = args
    rng = random.Random(seed)
    case, review = make_case(rng)
    problems = []
    # The rules are idempotent.
    for v in [case["name"], case["hopes"], case["free"]] + case["concerns"]:
        if one_line(one_line(v)) != one_line(v):
            problems.append(f"rule not idempotent on {v!r}")
        joined = "\n".join(many_lines(v))
        if "\n".join(many_lines(joined)) != joined:
            problems.append(f"rule not idempotent on {v!r}")
    folder = tempfile.mkdtemp(prefix="goalplan-roundtrip-")
    try:
        with open(os.path.join(folder, "answers.yaml"), "w", encoding="utf-8") as f:
            f.write(yaml_mapping(case))
        r = run(binary, ["start", "roundtrip", "--prompts", FIXTURES, "--answers", "answers.yaml", "--out", "plan.md",
                         "--date", "2026-11-27", "--no-save"], folder)
        if r.returncode != 0:
            return seed, problems + [f"start exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}"], case
        want = expected(case)
        r = run(binary, ["export", "plan.md", "--format", "json", "--out", "-"], folder)
        if r.returncode != 0:
            return seed, problems + [f"export exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}"], case
        problems += compare(want, json.loads(r.stdout), "plan")
        shown = run(binary, ["show", "plan.md", "--width", "100000"], folder).stdout.decode()
        flat = " ".join(shown.split())
        for line in [want["name"] or ""] + want["concerns"] + [l for h in want["hopes"] for l in h.split("\n")]:
            if line and " ".join(line.split()) not in flat:
                problems.append(f"show: {line!r} not shown")
        with open(os.path.join(folder, "review.yaml"), "w", encoding="utf-8") as f:
            f.write(yaml_mapping(review))
        r = run(binary, ["revisit", "plan.md", "--answers", "review.yaml", "--date", "2026-12-11", "--no-save"], folder)
        if r.returncode != 0:
            return seed, problems + [f"revisit exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}"], case
        r = run(binary, ["export", "plan.md", "--format", "json", "--out", "-"], folder)
        got = json.loads(r.stdout)
        problems += compare(want, got, "after revisit")
        for i, (round_, g) in enumerate(zip(review["review"], got.get("goals", []))):
            rv = round_["this_goal"][0]
            rows = g.get("reviews", [])
            row = rows[-1] if rows else {}
            if int(rv["confidence_again"]) != row.get("confidence"):
                problems.append(f"review[{i}].confidence: expected {rv['confidence_again']}, got {row.get('confidence')!r}")
            for key in ("helped", "hindered", "reason"):
                if (one_line(rv[key]) or None) != row.get(key):
                    problems.append(f"review[{i}].{key}: expected {one_line(rv[key])!r}, got {row.get(key)!r}")
            added = [s["text"] for s in g.get("steps", [])][len(want["goals"][i]["steps"]):]
            new = [x for x in kept_items(rv["new_steps"]) if x not in want["goals"][i]["steps"]]
            if added != new:
                problems.append(f"review[{i}] new steps: expected {new!r}, got {added!r}")
        return seed, problems, case
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    failures = os.path.join(HERE, "..", "..", ".build-fuzz", "roundtrip-failures")
    failed = 0
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for s, problems, case in pool.map(one_case, [(binary, seed * 1_000_003 + i) for i in range(count)], chunksize=8):
            if problems:
                failed += 1
                os.makedirs(failures, exist_ok=True)
                with open(os.path.join(failures, f"case-{s}.json"), "w") as f:
                    json.dump({"seed": s, "problems": problems, "case": case}, f, indent=1, ensure_ascii=True)
                if failed <= 5:
                    print(f"case {s}:", *problems[:4], sep="\n  ")
    print(f"round trips: {count} cases through the binary, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
