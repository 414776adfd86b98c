"""goalplan's benchmarks: each figure is a median over repeated runs in this one process."""
import os
import pty
import select
import statistics
import sys
import tempfile
import time

BINARY = os.path.abspath(sys.argv[1])
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 21
WORK = tempfile.mkdtemp(prefix="goalplan-bench-")
ENV = {"HOME": WORK, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1"}


def first_prompt(argv, marker):
    """Seconds from fork to `marker` on the screen of a new pty, and the child's peak RSS (KiB)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(WORK)
        os.execve(argv[0], argv, ENV)
    screen = b""
    elapsed = None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
        if marker in screen:
            elapsed = time.perf_counter() - start
    os.kill(pid, 9)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    if elapsed is None:
        raise SystemExit(f"{argv[0]} never showed {marker!r}; screen: {screen[-300:]!r}")
    return elapsed, usage.ru_maxrss


def run(argv, stdin=None):
    """Seconds for a whole command, its exit status and peak RSS (KiB)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.chdir(WORK)
        fd = os.open(stdin or os.devnull, os.O_RDONLY)
        os.dup2(fd, 0)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execve(argv[0], argv, ENV)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss


def median_ms(samples):
    return statistics.median(samples) * 1000


def spread(samples):
    """The range of the middle of the runs: the 10th to the 90th percentile, in ms."""
    ordered = sorted(samples)
    low = ordered[int(0.1 * (len(ordered) - 1))] * 1000
    high = ordered[int(round(0.9 * (len(ordered) - 1)))] * 1000
    return f"({low:.1f} to {high:.1f})"


def startup():
    goalplan, bash, rss = [], [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine
        t, m = first_prompt([BINARY], b"> ")
        goalplan.append(t)
        rss.append(m)
        t, _ = first_prompt(["/bin/bash", "-c", 'read -e -p "Name? " x'], b"Name? ")
        bash.append(t)
    g, b = median_ms(goalplan), median_ms(bash)
    print(f"First prompt on a pty, median of {RUNS}:")
    ratios = sorted(x / y for x, y in zip(goalplan, bash))
    print(f"  bash read -e                    {b:8.2f} ms {spread(bash)}")
    print(f"  goalplan (intake)               {g:8.2f} ms {spread(goalplan)}   {g / b:.1f}x bash, run by run {ratios[int(0.1 * (len(ratios) - 1))]:.1f}x to {ratios[int(round(0.9 * (len(ratios) - 1)))]:.1f}x (target: at most 2x)   peak RSS {max(rss) / 1024:.1f} MiB")


# The same answers the install test runs the installed binary through.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Install", "intake-answers.yaml")) as f:
    INTAKE_ANSWERS = f.read()


def scripted_intake():
    answers = os.path.join(WORK, "answers.yaml")
    with open(answers, "w") as f:
        f.write(INTAKE_ANSWERS)
    times, rss = [], []
    for i in range(RUNS):
        out = os.path.join(WORK, f"intake-{i}.md")
        t, status, m = run([BINARY, "start", "intake", "--answers", answers, "--out", out])
        if status != 0:
            raise SystemExit(f"scripted intake failed with status {status}")
        times.append(t)
        rss.append(m)
    print(f"Scripted intake end to end (--answers), median of {RUNS}:")
    print(f"  goalplan start intake           {median_ms(times):8.2f} ms {spread(times)}   (target: under 10 ms)   peak RSS {max(rss) / 1024:.1f} MiB")


def scripted_measure():
    """The PHQ-9 scored from piped item scores, added to a plan that already has a row."""
    first, second = os.path.join(WORK, "phq9-first.txt"), os.path.join(WORK, "phq9-second.txt")
    with open(first, "w") as f:
        f.write("1\n2\n1\n3\n2\n1\n1\n2\n0\n1\n\n")
    with open(second, "w") as f:
        f.write("0\n1\n0\n1\n1\n0\n0\n1\n0\n1\n\n")
    times, rss = [], []
    for i in range(RUNS):
        out = os.path.join(WORK, f"phq9-{i}.md")
        t, status, m = run([BINARY, "start", "phq9", "--out", out, "--no-save", "--date", "2026-11-28"],
                           stdin=first)
        if status != 0:
            raise SystemExit(f"scripted PHQ-9 failed with status {status}")
        t2, status, m2 = run([BINARY, "start", "phq9", "--plan", out, "--no-save", "--date", "2026-12-12"],
                             stdin=second)
        if status != 0:
            raise SystemExit(f"second PHQ-9 failed with status {status}")
        times.append(t2)
        rss.append(max(m, m2))
    print(f"A second PHQ-9 on a plan (piped item scores, read the plan, score, write), median of {RUNS}:")
    print(f"  goalplan start phq9 --plan      {median_ms(times):8.2f} ms {spread(times)}   peak RSS {max(rss) / 1024:.1f} MiB")


def flow_file(path, flow_id, first, count, includes=()):
    with open(path, "w") as f:
        f.write(f"id: {flow_id}\ntitle: Generated\n")
        if includes:
            f.write("include: [" + ", ".join(includes) + "]\n")
        f.write("questions:\n")
        for i in range(first, first + count):
            f.write(f"  - id: q{i}\n    ask: Question {i}?\n")
            if i % 4 == 1:
                f.write("    type: scale\n")
            elif i % 4 == 2:
                f.write(f"    type: choice\n    choices: [Yes, No, Maybe]\n    when: q{i - 1} > 5\n")
            elif i % 4 == 3:
                f.write(f"    help: About {{{{q{i - 3}}}}}\n")


def check_scaling():
    folder = os.path.join(WORK, "flows")
    os.makedirs(folder, exist_ok=True)
    flow_file(os.path.join(folder, "small.yaml"), "small", 0, 1000)
    flow_file(os.path.join(folder, "medium.yaml"), "medium", 0, 10000)
    # 100,000 questions do not fit one file (1 MiB at most), so ten files are included.
    parts = []
    for p in range(10):
        flow_file(os.path.join(folder, f"part{p}.yaml"), f"part{p}", p * 10000, 10000)
        parts.append(f"part{p}")
    flow_file(os.path.join(folder, "large.yaml"), "large", 100000, 1, includes=parts)
    print("goalplan check on generated flows (a quarter scale, a quarter choice with a condition), median of 5:")
    results = {}
    for name, questions in (("small", 1000), ("medium", 10000), ("large", 100001)):
        times, rss = [], []
        for _ in range(5):
            t, status, m = run([BINARY, "check", os.path.join(folder, name + ".yaml")])
            if status != 0:
                raise SystemExit(f"check of {name} failed with status {status}")
            times.append(t)
            rss.append(m)
        results[questions] = median_ms(times)
        note = "   (target: under 100 ms)" if questions == 10000 else ""
        print(f"  {questions:>7,} questions             {results[questions]:8.2f} ms {spread(times)}   {results[questions] * 1000 / questions:6.1f} µs a question   peak RSS {max(rss) / 1024:.1f} MiB{note}")
    print(f"  growth: 10x the questions costs {results[10000] / results[1000]:.1f}x, then {results[100001] / results[10000]:.1f}x")


def walk_scaling():
    """A whole run through generated flows, answers piped, a draft saved after every answer."""
    folder = os.path.join(WORK, "flows")
    print("goalplan start on generated flows, every answer piped, draft saved after each, median of 3:")
    results = {}
    for name, questions in (("small", 1000), ("medium", 10000)):
        answers = os.path.join(WORK, f"{name}-answers.txt")
        with open(answers, "w") as f:
            for i in range(questions):
                f.write("7\n" if i % 4 == 1 else "1\n" if i % 4 == 2 else "an answer\n")
        times, rss = [], []
        for _ in range(3):
            out = os.path.join(WORK, f"{name}-plan.md")
            if os.path.exists(out):
                os.remove(out)
            t, status, m = run([BINARY, "start", name, "--prompts", folder, "--out", out], stdin=answers)
            if status != 0:
                raise SystemExit(f"walking {name} failed with status {status}")
            times.append(t)
            rss.append(m)
        results[questions] = median_ms(times)
        print(f"  {questions:>7,} questions             {results[questions]:8.2f} ms   {results[questions] * 1000 / questions:6.1f} µs a question   peak RSS {max(rss) / 1024:.1f} MiB")
    print(f"  growth: 10x the questions costs {results[10000] / results[1000]:.1f}x (linear is 10x)")


# Each part by name, or all of them: bench.py BINARY RUNS [startup,intake,measure,check,walk]
PARTS = {"startup": startup, "intake": scripted_intake, "measure": scripted_measure, "check": check_scaling,
         "walk": walk_scaling}
for name in (sys.argv[3].split(",") if len(sys.argv) > 3 else PARTS):
    PARTS[name]()
    print()
