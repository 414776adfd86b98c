#!/usr/bin/env python3
"""How long the intake takes a person: the built-in intake run through the binary with scripted,
realistic answers (piped, as a person would type them), counting what is read and typed, and
turning that into minutes with a stated model of a person's pace.

    python3 Benchmarks/intake_time.py BINARY

The model (stated, not measured on people): reading 200 words a minute (plain adult prose is
read at 200-250); typing 25 words a minute, 125 characters (a slow, careful typist: people write
about something personal slowly); thinking 20 seconds before each answer in words, 6 seconds before a
choice, number, date or yes/no, and 2 seconds to pass over an optional question with Enter.
Facilitated runs add 60 seconds of talk for each goal (the therapist helping to word it); a
real session talks far more, which is why the first screen speaks of the questions' own time.
"""
import os
import re
import subprocess
import sys
import tempfile

READ_WPM = 200
TYPE_CPS = 125 / 60
THINK_WORDS = 20
THINK_PICK = 6
THINK_PASS = 2
TALK_PER_GOAL = 60

NAME = ["Sam"]
REFLECT = [
    "1, 7",
    "I can't sleep since we moved house", "My partner and I argue most evenings", "I feel flat at work", "",
    "I would wake up feeling rested and have energy for the kids.", "We would laugh together again.", ".",
    "I stick to routines once I start them", "My sister always picks up the phone", "",
    "My sister", "Our dog, who gets me out for walks", "",
]
WHAT_MATTERS = ["Being a patient, present parent", "I would sleep most nights and we would argue less"]
SHORT_START = ["I can't sleep since we moved house", "My partner and I argue most evenings", ""]


def goal_core(title, sharper, why, rating):
    return [title, sharper, why, rating]


def goal_detail(area, measure, importance, confidence, ladder_levels=None):
    out = [area, measure, importance, confidence]
    if int(confidence) <= 4:
        out.append("A smaller first step might help")
    if ladder_levels:
        out += ["y"] + ladder_levels + ["-1"]
    else:
        out.append("n")
    return out


def goal_steps(steps, first, obstacle=None, helpers=()):
    out = list(steps) + ["", first]
    if obstacle:
        out += ["y", obstacle[0], obstacle[1], "n"]
    else:
        out += ["n"]
    return out + list(helpers) + [""]


GOALS = [
    (goal_core("Sleep better", "Sleep seven hours on five nights a week", "I feel foggy and snap at people", "3"),
     goal_detail("2", "I will keep a simple sleep diary", "9", "4",
                 ["Four good nights a week", "Five good nights", "Six or seven", "Three good nights",
                  "Worse than now"]),
     goal_steps(["No phone after 10 pm on weeknights", "A ten minute walk at lunch"], "1",
                ("Late shifts at work", "Keep the phone in the kitchen anyway"), ["My sister"])),
    (goal_core("Argue less", "Talk calmly when we disagree, most days", "I want the kids to feel safe", "4"),
     goal_detail("5", "Fewer shouting matches each week", "8", "6"),
     goal_steps(["Take a break when voices rise"], "1")),
    (goal_core("Feel better at work", "", "Work takes most of my week", "5"),
     goal_detail("1", "I leave on time three days a week", "6", "7"),
     goal_steps(["Make a list each morning", "Ask for help with the rota"], "1")),
]
CLINIC = ["1, 2", "Sleep hygiene, stimulus control", "Time-outs for arguments", ".", "1", "4", "2", "12", "1, 3",
          "Keep a sleep diary for one week", "."]


def typing(version, goals, facilitated):
    lines = ["" if version == "full" else "2"] + NAME
    if version == "full":
        lines += REFLECT + WHAT_MATTERS
    else:
        lines += SHORT_START + WHAT_MATTERS[1:]
    for i in range(goals):
        core, detail, steps = GOALS[i]
        lines += core + (detail if version == "full" else []) + steps
        if i < 2:
            lines.append("y" if i < goals - 1 else "n")
    if facilitated:
        lines += CLINIC
    return lines + ["", ""]  # the review date, then the last look


def run(binary, lines, facilitated):
    with tempfile.TemporaryDirectory() as folder:
        args = [binary, "start", "intake", "--out", os.path.join(folder, "plan.md"), "--date", "2026-11-28"]
        if facilitated:
            args += ["--mode", "facilitated"]
        env = dict(os.environ, NO_COLOR="1", HOME=folder, XDG_STATE_HOME=folder)
        p = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True, env=env)
        if p.returncode != 0:
            raise SystemExit(f"the intake did not finish: {p.stderr.strip()}\n{p.stdout[-2000:]}")
        return p.stdout


def measure(binary, version, goals, facilitated):
    lines = typing(version, goals, facilitated)
    out = run(binary, lines, facilitated)
    # What the person reads: everything shown but the echo of what they typed and the last review.
    shown = out.split("Here is everything you said.")[0]
    prompts = len(re.findall(r"(?m)^(?:Question \d+ of \d+|.* · \d+ of \d+)", shown)) + shown.count("[y/N]")
    words_read = len(re.findall(r"[A-Za-z']+", shown))
    typed = [l for l in lines if l not in ("", ".")]
    chars = sum(len(l) for l in typed)
    passes = sum(1 for l in lines if l == "")
    worded = sum(1 for l in typed if len(l) > 12)
    picks = len(typed) - worded
    seconds = (words_read / READ_WPM * 60 + chars / TYPE_CPS + worded * THINK_WORDS + picks * THINK_PICK
               + passes * THINK_PASS + (TALK_PER_GOAL * goals if facilitated else 0))
    return prompts, chars, words_read, seconds / 60


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/goalplan"
    print("The intake with scripted, realistic answers (model of a person's pace: see the top of this file):")
    print(f"  {'version':<28} {'prompts':>7} {'typed':>7} {'read':>7} {'minutes':>8}")
    for version, goals, facilitated in [("short", 1, False), ("full", 1, False), ("full", 2, False),
                                        ("full", 3, False), ("full", 1, True), ("full", 3, True)]:
        prompts, chars, words, minutes = measure(binary, version, goals, facilitated)
        name = f"{version}, {goals} goal{'s' if goals > 1 else ''}{', with a therapist' if facilitated else ''}"
        print(f"  {name:<28} {prompts:>7} {chars:>6}c {words:>6}w {minutes:>8.1f}")


if __name__ == "__main__":
    main()
