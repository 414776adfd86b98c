#!/usr/bin/env python3
"""The program's own words and their translations (Prompts/messages/).

Every sentence goalplan prints is written in English inside tr("...") in Sources/. This
script reads those calls the way the Swift compiler builds their keys (each interpolation
becomes %@, a literal % becomes %%), and:

  catalog.py pot       writes Prompts/messages/goalplan.pot, the template translators start from
  catalog.py update    writes the template and merges it into each LANG.po (gettext's msgmerge)
  catalog.py check     reports, for each LANG.po, every key it lacks, leaves empty or marks
                       fuzzy, every entry no longer in the source, every translation whose
                       placeholders differ from its key, a template out of date, and a tr(...)
                       whose argument is not a string literal; runs msgfmt --check when it is
                       installed. Exits 1 when anything is reported.

Run from the repository's top folder.
"""
import os
import re
import shutil
import subprocess
import sys

SOURCES = "Sources"
MESSAGES = "Prompts/messages"
TEMPLATE = os.path.join(MESSAGES, "goalplan.pot")


class Problem(Exception):
    pass


def swift_string(text, i):
    """Reads the Swift string literal starting at text[i] (a quote); returns (key, end)."""
    if text.startswith('"""', i):
        return multiline(text, i)
    if text[i] != '"':
        raise Problem("not a string literal")
    i += 1
    key = []
    while True:
        if i >= len(text) or text[i] == "\n":
            raise Problem("unterminated string literal")
        c = text[i]
        if c == '"':
            return "".join(key), i + 1
        if c == "\\":
            part, i = escape(text, i)
            key.append(part)
            continue
        key.append("%%" if c == "%" else c)
        i += 1


def escape(text, i):
    """An escape at text[i] (a backslash): its part of the key, and where it ends."""
    c = text[i + 1]
    if c == "(":
        return "%@", skip_interpolation(text, i + 2)
    simple = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\", "0": "\0"}
    if c in simple:
        return simple[c], i + 2
    if c == "u":
        end = text.index("}", i)
        return chr(int(text[i + 3 : end], 16)), end + 1
    raise Problem("unknown escape \\" + c)


def skip_interpolation(text, i):
    """The index just past the ) that closes an interpolation whose body starts at i."""
    depth = 1
    while depth:
        c = text[i]
        if c == '"':
            _, i = swift_string(text, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return i


def multiline(text, i):
    """A \"\"\" literal: its lines, less the closing delimiter's indentation; returns (key, end)."""
    j = text.index("\n", i) + 1
    body = []
    while True:
        line_start = text.rfind("\n", 0, j) + 1
        if text.startswith('"""', j) and text[line_start:j].strip() == "":
            indent, end = text[line_start:j], j + 3
            break
        if text.startswith("\\(", j):
            j = skip_interpolation(text, j + 2)
            body.append("\x00")
        elif text[j] == "\\":
            body.append(text[j : j + 2])
            j += 2
        else:
            body.append(text[j])
            j += 1
    lines = "".join(body).split("\n")[:-1]  # the last is the closing delimiter's indentation
    body = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in lines)
    key = []
    k = 0
    while k < len(body):
        c = body[k]
        if c == "\x00":
            key.append("%@")
            k += 1
        elif c == "\\" and body[k + 1] == "\n":
            k += 2  # a line continuation
        elif c == "\\":
            part, k = escape(body, k)
            key.append(part)
        else:
            key.append("%%" if c == "%" else c)
            k += 1
    return "".join(key), end


CALL = re.compile(r"(?<![\w])tr\(")  # tr("...") and catalog.tr("...")
CONTEXT = re.compile(r'\s*,\s*context:\s*"([^"\\]*)"')


def extract():
    """Every key in the source: {(context, key): [file:line, ...]}, and problems found."""
    keys = {}
    problems = []
    for root, _, files in os.walk(SOURCES):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(root, name)
            text = open(path, encoding="utf-8").read()
            for m in CALL.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                where = f"{path}:{line}"
                prefix = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
                if prefix.lstrip().startswith("//") or prefix.lstrip().startswith("///"):
                    continue
                i = m.end()
                while text[i] in " \n":
                    i += 1
                if text.startswith("_ words", i) or text.startswith("words", i):
                    continue  # the definition of tr itself
                try:
                    key, end = swift_string(text, i)
                except Problem as e:
                    problems.append(f"{where}: tr(...) needs a string literal ({e})")
                    continue
                ctx = CONTEXT.match(text, end)
                keys.setdefault((ctx.group(1) if ctx else None, key), []).append(where)
    return keys, problems


def po_string(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" not in s:
        return f'"{s}"'
    parts = s.split("\n")
    lines = ['""'] + [f'"{p}\\n"' for p in parts[:-1]] + ([f'"{parts[-1]}"'] if parts[-1] else [])
    return "\n".join(lines)


def template(keys):
    out = [
        "# The words goalplan prints, in English: the template for a translation.",
        "# Made by Tests/Messages/catalog.py from the tr(...) calls in Sources/. Do not edit;",
        "# copy it to LANG.po (or run `make messages`) and fill in each msgstr.",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: goalplan\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        "",
    ]
    for (ctx, key), refs in sorted(keys.items(), key=lambda kv: (kv[1][0].split(":")[0], int(kv[1][0].split(":")[1]))):
        # Files only, not lines: the template changes when the words do, not when code moves.
        out.append("#: " + " ".join(sorted(set(r.split(":")[0] for r in refs))))
        if "%" in key:
            out.append("#, objc-format")
        if ctx:
            out.append("msgctxt " + po_string(ctx))
        out.append("msgid " + po_string(key))
        out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    body = s[1:-1]
    out = []
    i = 0
    while i < len(body):
        if body[i] == "\\":
            out.append({"n": "\n", "t": "\t", "r": "\r"}.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def read_po(path):
    """{(context, key): (text, fuzzy)} of a PO file, obsolete entries left out."""
    entries = {}
    ctx = key = None
    text = ""
    fuzzy = False
    field = None

    def finish():
        nonlocal ctx, key, text, fuzzy, field
        if key is not None:
            entries[(ctx, key)] = (text, fuzzy)
        ctx, key, text, fuzzy, field = None, None, "", False, None

    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if key is not None:
                finish()
            if line.startswith("#,") and "fuzzy" in [f.strip() for f in line[2:].split(",")]:
                fuzzy = True
        elif line.startswith("msgctxt "):
            if key is not None:
                finish()
            ctx, field = unquote(line[8:]), "ctx"
        elif line.startswith("msgid "):
            if key is not None:
                finish()
            key, field = unquote(line[6:]), "key"
        elif line.startswith("msgstr "):
            text, field = unquote(line[7:]), "text"
        elif line.startswith('"'):
            if field == "ctx":
                ctx += unquote(line)
            elif field == "key":
                key += unquote(line)
            elif field == "text":
                text += unquote(line)
    finish()
    entries.pop((None, ""), None)
    return entries


PLACEHOLDER = re.compile(r"%(?:(\d+)\$)?@")


def placeholders(s):
    """The values a text uses, as a sorted list of 1-based positions."""
    s = s.replace("%%", "")
    used = []
    n = 0
    for m in PLACEHOLDER.finditer(s):
        if m.group(1):
            used.append(int(m.group(1)))
        else:
            n += 1
            used.append(n)
    return sorted(used)


def catalogs():
    return sorted(f for f in os.listdir(MESSAGES) if f.endswith(".po"))


def check():
    keys, problems = extract()
    expected = template(keys)
    if not os.path.exists(TEMPLATE) or open(TEMPLATE, encoding="utf-8").read() != expected:
        problems.append(f"{TEMPLATE} is out of date: run `python3 Tests/Messages/catalog.py update`")
    for name in catalogs():
        path = os.path.join(MESSAGES, name)
        po = read_po(path)
        missing = [k for k in keys if k not in po or not po[k][0]]
        fuzzy = [k for k in keys if k in po and po[k][0] and po[k][1]]
        stale = [k for k in po if k not in keys]
        for ctx, key in missing:
            problems.append(f"{path}: no translation of {key!r}" + (f" ({ctx})" if ctx else "") + f", at {keys[(ctx, key)][0]}")
        for ctx, key in fuzzy:
            problems.append(f"{path}: the translation of {key!r} is marked fuzzy, at {keys[(ctx, key)][0]}")
        for ctx, key in stale:
            problems.append(f"{path}: {key!r} is no longer in the source: run `python3 Tests/Messages/catalog.py update`")
        for k in keys:
            if k in po and po[k][0] and placeholders(po[k][0]) != placeholders(k[1]):
                problems.append(f"{path}: the translation of {k[1]!r} does not use each value once: {po[k][0]!r}")
        translated = len(keys) - len(missing) - len(fuzzy)
        print(f"{name}: {translated} of {len(keys)} messages translated")
        if shutil.which("msgfmt"):
            r = subprocess.run(["msgfmt", "--check", "-o", os.devnull, path], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f"{path}: msgfmt --check: {r.stderr.strip()}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in the message catalogs")
        return 1
    print(f"{len(keys)} messages in the source, every catalog complete")
    return 0


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "check":
        return check()
    keys, problems = extract()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    os.makedirs(MESSAGES, exist_ok=True)
    with open(TEMPLATE, "w", encoding="utf-8") as f:
        f.write(template(keys))
    print(f"{TEMPLATE}: {len(keys)} messages")
    if command == "update":
        for name in catalogs():
            path = os.path.join(MESSAGES, name)
            subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-wrap", path, TEMPLATE], check=True)
            print(f"{path}: merged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
