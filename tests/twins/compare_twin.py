#!/usr/bin/env python3
"""The twin test: a lesson's C++ program and its Python twin, both under virtual time, must
say the same lines (key), from the same tasks (name), at the same times, in the same order.

usage: compare_twin.py ASYNCDEMO_BINARY LESSONS_DIR SLUG [NAME=VALUE ...]
"""
import contextlib
import glob
import json
import os
import subprocess
import sys

from test_server import environment_for


def cpp_events(binary, slug, settings, clock="virtual", env=None):
    """What the C++ lesson says: (time, task name, key) per line, run under `clock`."""
    args = [binary, "run", slug, "--clock", clock, "--json", "--lang", "en"]
    for s in settings:
        args += ["--set", s]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
    if done.returncode != 0:
        raise SystemExit(f"C++ {slug} failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    names = {t["id"]: t["name"] for t in report["tasks"]}
    # A line said outside any task (a done-callback runs on the loop itself) has task 0 and
    # no name, as current_task() is None for it in Python.
    return [(line["t"], names.get(line["task"], ""), line["key"]) for line in report["output"]]


def twin_events(binary, lessons_dir, slug, settings, clock="virtual", env=None):
    """What the Python twin says, as cpp_events. Without `env`, the twin gets a server of its
    own when it needs one (test_server.environment_for)."""
    args = [sys.executable, os.path.join(lessons_dir, "twin.py"), slug, "--clock", clock,
            "--events"]
    for s in settings:
        args += ["--set", s]
    if env is None:
        twin = glob.glob(os.path.join(lessons_dir, "[0-9][0-9]_" + slug.replace("-", "_") + ".py"))
        environment = environment_for(binary, twin[0])
    else:
        environment = contextlib.nullcontext(env)
    with environment as run_env:
        done = subprocess.run(args, capture_output=True, text=True, timeout=60, env=run_env)
    if done.returncode == 77:  # the twin's library is missing: say so and skip
        print(done.stdout.strip())
        sys.exit(77)
    if done.returncode != 0:
        raise SystemExit(f"Python {slug} failed ({done.returncode}): {done.stderr[-2000:]}")
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return [(e["t"], e["task"], e["key"]) for e in events]


def unordered_keys(lessons_dir, slug):
    """Keys the lesson marks as said by several tasks at one moment in an order CPython does
    not fix (TaskGroup cancels its children by walking a set)."""
    catalogue = json.load(open(os.path.join(lessons_dir, "..", "lessons.json"), encoding="utf-8"))
    lesson = next(l for l in catalogue["lessons"] if l["slug"] == slug)
    return set(lesson.get("twin_unordered_keys", []))


def canonical(events, keys):
    """Sorts each run of consecutive events with the same time and an unordered key by task
    name, so that only their order among themselves is left free."""
    out, i = [], 0
    while i < len(events):
        j = i + 1
        if events[i][2] in keys:
            while (j < len(events) and events[j][2] == events[i][2]
                   and abs(events[j][0] - events[i][0]) <= 1e-6):
                j += 1
        out.extend(sorted(events[i:j], key=lambda e: e[1]))
        i = j
    return out


def event_problems(cpp, py, tolerance=1e-6):
    """A line per event that differs between the two runs: in task or key, or in time by more
    than `tolerance` seconds (exact, to the microsecond, by default: the virtual clock)."""
    problems = []
    for i in range(max(len(cpp), len(py))):
        a = cpp[i] if i < len(cpp) else None
        b = py[i] if i < len(py) else None
        if a is None or b is None or a[1:] != b[1:] or abs(a[0] - b[0]) > tolerance:
            problems.append(f"  event {i}: C++ {a}  Python {b}")
    return problems


def main():
    binary, lessons_dir, slug, *settings = sys.argv[1:]
    keys = unordered_keys(lessons_dir, slug)
    cpp = canonical(cpp_events(binary, slug, settings), keys)
    py = canonical(twin_events(binary, lessons_dir, slug, settings), keys)
    label = slug + (" " + " ".join(settings) if settings else "")
    problems = event_problems(cpp, py)
    if problems:
        print(f"twin mismatch for {label} (Python {sys.version.split()[0]}):")
        print("\n".join(problems[:20]))
        sys.exit(1)
    print(f"twin ok: {label}: {len(cpp)} events match")


if __name__ == "__main__":
    main()
