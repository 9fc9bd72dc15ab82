#!/usr/bin/env python3
"""The export test: `asyncdemo show SLUG --python` must be a program that plain python3 runs
with nothing else installed, and that prints the same lines, in the same order, as the C++
lesson run with the same params, in each language.

usage: check_export.py ASYNCDEMO_BINARY LESSONS_JSON SLUG

The program runs in real time, so the test picks small params (SMALL below, passed to both
`show --set` and `run --set`). Its lines are compared with the C++ run's under the virtual
clock: words exactly, numbers exactly when both are whole, otherwise within 0.3 s + 50% (what
the real clock adds to a wait on a busy machine: generous, as real-clock bounds must be). Where CPython leaves an order open (the lesson's
twin_unordered_keys), the lines of such a run are compared as sets, as the twin test does.
A lesson whose expected outcome is a deadlock must still be running when the time is up: plain
Python hangs there.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from test_server import environment_for

# Small params for each lesson: quick real-time runs, with waits far enough apart (0.1 s) that
# the real clock keeps their order.
SMALL = {
    "sleep": ["delay=0.1"],
    "await-coroutine": ["delay=0.1"],
    "sequential": ["delays=0.1,0.2"],
    "simulated-io": ["count=3", "min=0.1", "max=0.3", "seed=1"],
    "create-task": ["delays=0.1,0.3,0.2"],
    "tasks-then-coroutines": ["task_delays=0.1,0.2", "coro_delays=0.1,0.1"],
    "cancel": ["delays=0.3,0.1,5", "cancel=2"],
    "task-state": ["ok_delay=0.3", "fail_delay=0.5", "check_at=0.1"],
    "gather": ["delays=0.1,0.5,0.3"],
    "gather-comprehension": ["numbers=1,2,3", "delay=0.1"],
    "gather-filter": ["delays=0.1,0.5,0.3,0.2,0.4"],
    "gather-errors": ["delays=0.1,0.2,0.3", "fail=1"],
    "taskgroup": ["delays=0.1,0.2,0.3"],
    "taskgroup-callbacks": ["delays=0.3,0.1,0.2"],
    "taskgroup-failure": ["delays=0.1,0.2,0.3", "fail=0"],
    "as-completed": ["delays=0.2,0.1"],
    "wait": ["delays=0.2,0.1", "timeout=0.15"],
    "wait-for": ["delay=0.5", "timeout=0.2"],
    "timeout": ["delay=0.5", "timeout=0.2"],
    "race-condition": ["tasks=3"],
    "lock": ["tasks=3", "hold=0.1"],
    "semaphore": ["tasks=4", "limit=2", "hold=0.1"],
    "event": ["update=0.2", "fetch=0.1", "send=0.1"],
    "queue": ["items=2", "maxsize=1", "seed=1"],
    "deadlock": ["hold=0.1"],
    "blocking-call": ["blocking=0.2", "other=0.1"],
    "to-thread": ["blocking=0.2", "other=0.1"],
    "thread-pool": ["jobs=4", "duration=0.1", "pool=2"],
    "cpu-bound": ["jobs=2", "work=0.1"],
    "files": ["lines=50"],
    "sqlite": ["rows=3"],
    "run-in-executor": ["latency=0.35"],  # a tick at 0.25 s; done before the check at 0.5 s
    "event-loop": ["duration=0.3", "seed=1"],
    "testing": ["delay=2"],
}
# Lines that measure this machine (its cores, its CPU's speed): compared with the C++ run on
# the real clock, their numbers only as present.
MEASURES_MACHINE = {"blocking-call", "cpu-bound"}
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def cpp_lines(binary, slug, lang, settings):
    clock = "real" if slug in MEASURES_MACHINE else "virtual"
    args = [binary, "run", slug, "--clock", clock, "--json", "--lang", lang]
    for s in settings:
        args += ["--set", s]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60).stdout
    return [(line["key"], line["text"]) for line in json.loads(out)["output"]]


def python_lines(binary, slug, lang, settings, deadlock):
    show = [binary, "show", slug, "--python", "--lang", lang]
    if settings:
        show += ["--set", *settings]
    program = subprocess.run(show, check=True, capture_output=True, text=True).stdout
    # What a student reads is what they would write: no plumbing of the twins' virtual clock.
    for number, line in enumerate(program.splitlines(), 1):
        code = line.split("#", 1)[0]
        if re.search(r"\btwin\b|virtual_clock|\bjobs\.", code):
            raise SystemExit(f"{slug} ({lang}): line {number} of the program shows the twins' "
                             f"plumbing: {line.strip()}")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "lesson.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(program)
        start = time.monotonic()
        # -u: the lines printed before a hang are not lost in a buffer.
        with environment_for(binary, path) as env:
            process = subprocess.Popen([sys.executable, "-u", path], cwd=folder, text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       env=dict(env, PYTHONIOENCODING="utf-8"))
            try:
                out, err = process.communicate(timeout=2 if deadlock else 30)
                hung = False
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
                hung = True
        seconds = time.monotonic() - start
    if deadlock and not hung:
        raise SystemExit(f"{slug} ({lang}): the program ended, but it should deadlock\n{err}")
    if not deadlock and (hung or process.returncode != 0):
        raise SystemExit(f"{slug} ({lang}): python3 failed (status {process.returncode}, "
                         f"hung: {hung})\n{err}")
    return out.splitlines(), seconds


def numbers_match(a, b, loose):
    if loose:
        return True
    if re.fullmatch(r"\d+", a) and re.fullmatch(r"\d+", b):
        return a == b
    x, y = float(a.replace(",", ".")), float(b.replace(",", "."))
    return abs(x - y) <= 0.3 + 0.5 * abs(x)


def same_line(expected, got, loose):
    if NUMBER.sub("#", expected) != NUMBER.sub("#", got):
        return False
    return all(numbers_match(a, b, loose)
               for a, b in zip(NUMBER.findall(expected), NUMBER.findall(got)))


def main():
    binary, catalogue_path, slug = sys.argv[1:]
    with open(catalogue_path, encoding="utf-8") as f:
        lesson = next(l for l in json.load(f)["lessons"] if l["slug"] == slug)
    unordered = set(lesson.get("twin_unordered_keys", []))
    deadlock = lesson.get("expected_outcome") == "deadlock"
    settings = SMALL.get(slug, [])
    problems = []
    for lang in ("en", "pt-BR", "uk"):
        expected = cpp_lines(binary, slug, lang, settings)
        got, seconds = python_lines(binary, slug, lang, settings, deadlock)
        if len(got) != len(expected):
            problems.append(f"{lang}: {len(expected)} lines from C++, {len(got)} from Python")
        # A run of one unordered key: compare as sorted texts.
        i = 0
        while i < min(len(got), len(expected)):
            j = i + 1
            if expected[i][0] in unordered:
                while j < len(expected) and expected[j][0] == expected[i][0]:
                    j += 1
            want = sorted(text for _, text in expected[i:j])
            have = sorted(got[i:j])
            for a, b in zip(want, have):
                if not same_line(a, b, slug in MEASURES_MACHINE):
                    problems.append(f"{lang}: line {i + 1}: C++ {a!r}, Python {b!r}")
            i = j
        print(f"{slug} ({lang}): {len(got)} lines in {seconds:.2f} s of real time")
    if problems:
        print(f"export mismatch for {slug} ({' '.join(settings)}):")
        print("\n".join(problems[:20]))
        sys.exit(1)
    print(f"export ok: {slug}")


if __name__ == "__main__":
    main()
