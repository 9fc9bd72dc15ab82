#!/usr/bin/env python3
"""Tests of `asyncdemo trace`: each case traces one of the programs in programs/ (or a
lesson's twin) and checks the JSON report, the exit code or the terminal text.

usage: check_trace.py ASYNCDEMO_BINARY CASE [--python PYTHON]
       check_trace.py ASYNCDEMO_BINARY twin:SLUG [--python PYTHON]   (a lesson's twin)

Exit 0 when the case holds, 1 with what differs, 77 (skipped) when the Python it needs is
missing. Times are exact under the virtual clock; under the real one they are checked within
generous bounds.
"""
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
ROOT = os.path.dirname(os.path.dirname(HERE))
BINARY = None
PYTHON = None
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def trace(program, *extra, stdin=subprocess.DEVNULL, timeout=600, env=None):
    args = [BINARY, "--lang", "en", "trace", program, *extra]
    if PYTHON:
        args += ["--python", PYTHON]
    run_env = dict(os.environ, COLUMNS="80", **(env or {}))
    return subprocess.run(args, cwd=PROGRAMS, capture_output=True, text=True, stdin=stdin,
                          timeout=timeout, env=run_env)


def report(program, *extra, expect=0, **kwargs):
    done = trace(program, "--json", *extra, **kwargs)
    check(done.returncode == expect,
          f"{program}: exit {done.returncode}, expected {expect}; stderr: {done.stderr[-2000:]}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        failures.append(f"{program}: no JSON report: {done.stdout[:500]!r}")
        raise SystemExit(finish())


def task(rep, name):
    for t in rep["tasks"]:
        if t["name"] == name:
            return t
    failures.append(f"no task {name!r} in {[t['name'] for t in rep['tasks']]}")
    return {"segments": [], "state": None, "finished": None, "error": None}


def waits(t):
    """The waits of a task, as (on, start, end)."""
    return [(s.get("on"), s["start"], s["end"]) for s in t["segments"] if s["kind"] != "run"]


def expect_equal(actual, expected, what):
    check(actual == expected, f"{what}: {actual!r}, expected {expected!r}")


# ---------------------------------------------------------------------------------------------
# Each kind of wait, under the virtual clock (exact).

def case_gather():
    rep = report("gather_jobs.py", "--clock", "virtual")
    expect_equal(rep["elapsed"], 3.0, "elapsed")
    expect_equal(rep["outcome"], "ok", "outcome")
    expect_equal([t["name"] for t in rep["tasks"]], ["main", "tea", "soup", "rice"], "rows")
    expect_equal(waits(task(rep, "main")), [("gather", 0.0, 3.0)], "main's waits")
    for name, end in (("tea", 1.0), ("soup", 3.0), ("rice", 2.0)):
        expect_equal(waits(task(rep, name)), [("sleep", 0.0, end)], name + "'s waits")
        expect_equal(task(rep, name)["finished"], end, name + " finished")
    lines = [(line["t"], line["text"]) for line in rep["output"]]
    # time.perf_counter follows the virtual clock inside the program.
    check((3.0, "all ready after 3.0 s: [1, 3, 2]") in lines, f"main's last line: {lines}")
    expect_equal(rep["comparison"]["verdict"], "faster", "verdict")
    expect_equal(rep["work"], 6.0, "work")


def case_gather_real():
    rep = report("gather_jobs.py", "--clock", "real")
    check(3.0 <= rep["elapsed"] < 5.0, f"elapsed {rep['elapsed']} not within [3, 5)")
    soup = task(rep, "soup")
    check(2.9 <= soup["finished"] - soup["started"] < 4.0, f"soup: {soup}")


def case_primitives():
    rep = report("primitives.py", "--clock", "virtual")
    for name in ("lock", "semaphore", "event", "condition", "queue"):
        kinds = [w for w in waits(task(rep, name)) if w[0] != "ready"]
        expect_equal(kinds, [(name, 0.0, 1.0)], name + "'s waits")
    expect_equal(rep["elapsed"], 1.0, "elapsed")


def case_threads():
    rep = report("threads.py", "--clock", "virtual")
    expect_equal(waits(task(rep, "reader")), [("thread", 0.0, 2.0)], "to_thread")
    expect_equal(waits(task(rep, "pooled-1")), [("thread", 0.0, 1.0)], "run_in_executor")
    # One worker: the second call waits for it ("pool", as the lessons name it), then runs.
    expect_equal(waits(task(rep, "pooled-2")), [("pool", 0.0, 1.0), ("thread", 1.0, 2.0)],
                 "queued call")
    expect_equal(rep["work"], 5.0, "work: the wait for a worker is not the task's own")
    expect_equal(waits(task(rep, "napper")), [("sleep", 0.0, 1.0)], "napper")
    kinds = [s["kind"] for s in task(rep, "reader")["segments"]]
    check("thread" in kinds, f"reader's segment kinds: {kinds}")
    expect_equal(rep["elapsed"], 2.0, "elapsed")


def case_blocking():
    rep = report("blocking.py", "--clock", "virtual")
    blocker = task(rep, "blocker")
    expect_equal([(s["kind"], s["start"], s["end"]) for s in blocker["segments"]],
                 [("blocked", 0.0, 2.0)], "blocker")
    # The timer could not even start before the loop was free again.
    expect_equal(waits(task(rep, "timer")), [("sleep", 2.0, 2.5)], "timer")
    expect_equal(rep["elapsed"], 2.5, "elapsed")
    text = trace("blocking.py", "--clock", "virtual").stdout
    check("blocking the loop" in text, "the legend names the blocking: " + text)


def case_awaits():
    rep = report("awaits.py", "--clock", "virtual")
    expect_equal(waits(task(rep, "main")),
                 [("task", 0.0, 1.0), ("wait", 1.0, 2.0), ("taskgroup", 2.0, 3.0)], "main")


def case_sockets():
    rep = report("sockets.py", "--clock", "virtual")
    main = task(rep, "main")
    check(("io", 0.0, 1.0) in waits(main), f"main's waits: {waits(main)}")
    expect_equal(rep["elapsed"], 1.0, "elapsed")
    expect_equal([line["text"] for line in rep["output"]], ["got pong"], "output")


def case_aiohttp():
    # aiohttp's sockets are I/O too. Debian's python3 has python3-aiohttp; skipped without it.
    global PYTHON
    PYTHON = PYTHON or "/usr/bin/python3"
    probe = subprocess.run([PYTHON, "-c", "import aiohttp"], capture_output=True)
    if probe.returncode != 0:
        print(f"skipped: {PYTHON} has no aiohttp")
        sys.exit(77)
    rep = report("web.py", "--clock", "virtual")
    main = task(rep, "main")
    check(("io", 0.0, 1.0) in waits(main), f"main's waits: {waits(main)}")
    expect_equal(rep["elapsed"], 1.0, "elapsed")
    expect_equal([line["text"] for line in rep["output"]], ["got hello"], "output")


def events_of(program, *extra):
    """The events the trace module writes for PROGRAM (the details the report leaves out)."""
    module = os.path.join(ROOT, "cli", "trace", "asyncdemo_trace.py")
    read_end, write_end = os.pipe()
    child = subprocess.Popen([PYTHON or "python3", "-X", "utf8", module, "--events",
                              str(write_end), *extra, program], cwd=PROGRAMS,
                             pass_fds=(write_end,), stdout=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as f:
        events = [json.loads(line) for line in f]
    child.wait(timeout=600)
    return events


def case_io_kinds():
    # asyncio's streams: the waits are I/O named by the call, each call one wait however many
    # futures it goes through; the server's handler (the program's coroutine) is a row,
    # asyncio's own tasks (accepting the connection) are not, nor do they take a Task-N.
    events = events_of("io_kinds.py", "--clock", "virtual")
    names = {e["id"]: e["name"] for e in events if e["e"] in ("task", "name")}
    expect_equal(sorted(names.values()), ["Task-3", "client", "main"], "rows")
    by_name = {name: i for i, name in names.items()}

    def details(name):
        return [(e["t"], e["detail"]) for e in events
                if e["e"] == "wait" and e["id"] == by_name.get(name) and e["on"] == "io"]
    expect_equal(details("client"), [(0.0, "connect"), (0.0, "read"), (1.0, "write")],
                 "client's waits")
    expect_equal(details("Task-3"), [(0.0, "read"), (1.0, "write")], "handler's waits")
    main_waits = [(e["t"], e["on"]) for e in events
                  if e["e"] == "wait" and e["id"] == by_name.get("main")]
    # start_server's own hand-overs (its address lookup, its sleep(0)) took no time: main
    # does not wait there, only for the client (the closed server has nothing to wait for).
    expect_equal(main_waits, [(0.0, "task")], "main's waits")
    rep = report("io_kinds.py", "--clock", "virtual")
    expect_equal(rep["elapsed"], 1.0, "elapsed")
    expect_equal([line["text"] for line in rep["output"]], ["got PING"], "output")


def case_files_db():
    # aiofiles' calls (on an executor's thread) are file I/O, aiosqlite's (on its connection's
    # own thread, which the virtual clock waits for) database I/O. Debian's python3 has both.
    global PYTHON
    PYTHON = PYTHON or "/usr/bin/python3"
    probe = subprocess.run([PYTHON, "-c", "import aiofiles, aiosqlite"], capture_output=True)
    if probe.returncode != 0:
        print(f"skipped: {PYTHON} has no aiofiles or aiosqlite")
        sys.exit(77)
    events = events_of("files_db.py", "--clock", "virtual")
    names = {e["id"]: e["name"] for e in events if e["e"] in ("task", "name")}
    waits = {}
    for e in events:
        if e["e"] == "wait":
            waits.setdefault(names[e["id"]], set()).add((e["on"], e["detail"]))
    expect_equal(waits.get("files"), {("io", "fs")}, "files' waits")
    expect_equal(waits.get("database"), {("io", "db")}, "database's waits")
    rep = report("files_db.py", "--clock", "virtual")
    expect_equal(rep["outcome"], "ok", "outcome (aiosqlite's thread is seen: no deadlock)")
    expect_equal(rep["elapsed"], 1.0, "elapsed")
    expect_equal(sorted(line["text"] for line in rep["output"]),
                 ["database says pear", "file says hello"], "output")


# ---------------------------------------------------------------------------------------------
# Faults.

def case_raises():
    rep = report("raises.py", "--clock", "virtual", expect=1)
    stock = task(rep, "stock")
    expect_equal(stock["state"], "failed", "stock's state")
    expect_equal(stock["error"], "LookupError: no flour left", "stock's error")
    expect_equal(task(rep, "main")["state"], "failed", "main's state")
    expect_equal(rep["outcome"], "error", "outcome")
    check('raise LookupError(f"no {item} left")' in rep.get("traceback", ""),
          "traceback: " + rep.get("traceback", ""))
    check("asyncio/" not in rep.get("traceback", ""), "asyncio's frames are left out")
    done = trace("raises.py", "--clock", "virtual")
    text = done.stdout
    check(text.index("Timeline") < text.index("Traceback"), "traceback after the timeline")
    expect_equal(done.returncode, 1, "exit code in the terminal")


def case_syntax():
    done = trace("broken.py")
    expect_equal(done.returncode, 65, "exit code")
    check("SyntaxError" in done.stderr and "broken.py" in done.stderr, done.stderr)


def case_missing():
    done = trace("no_such_program.py")
    expect_equal(done.returncode, 66, "exit code")
    check("no_such_program.py: no such file" in done.stderr, done.stderr)
    done = trace(".")
    expect_equal(done.returncode, 66, "a folder: exit code")


def case_no_python():
    done = subprocess.run([BINARY, "--lang", "en", "trace", "gather_jobs.py", "--python",
                           "/nonexistent/python3"], cwd=PROGRAMS, capture_output=True, text=True)
    expect_equal(done.returncode, 69, "exit code")
    check("was not found" in done.stderr and "--python" in done.stderr, done.stderr)
    # Not on PATH at all.
    done = subprocess.run([BINARY, "--lang", "pt-BR", "trace", "gather_jobs.py"], cwd=PROGRAMS,
                          capture_output=True, text=True, env=dict(os.environ, PATH="/nonexistent"))
    expect_equal(done.returncode, 69, "no python3 on PATH: exit code")
    check("não foi encontrado" in done.stderr, done.stderr)


def case_plain():
    rep = report("plain.py", "--clock", "virtual")
    expect_equal([t["name"] for t in rep["tasks"]], ["main"], "rows")
    expect_equal(rep["elapsed"], 1.5, "elapsed")
    expect_equal([(line["t"], line["text"]) for line in rep["output"]],
                 [(0.0, "counting"), (1.5, "counted")], "output")


def case_timeout():
    rep = report("endless.py", "--clock", "virtual", "--timeout", "3", expect=124)
    expect_equal(rep["outcome"], "interrupted", "outcome")
    expect_equal(rep["elapsed"], 3.0, "elapsed")
    expect_equal([line["text"] for line in rep["output"]], ["beat 1", "beat 2", "beat 3"],
                 "lines up to the timeout")
    endless = private_copy("endless.py", "timeout")
    done = trace(endless, "--clock", "real", "--timeout", "1.5", "--speed", "2")
    expect_equal(done.returncode, 124, "real clock: exit code")
    check("--timeout" in done.stdout and "Timeline" in done.stdout, done.stdout)
    check(not leftover(os.path.basename(endless)), "no process left behind")


def private_copy(program, tag):
    """A copy of PROGRAM under its own name, so that "no process left behind" looks only at
    this case's processes while other cases run the same program at the same time."""
    folder = tempfile.mkdtemp(prefix="asyncdemo-trace-")
    path = os.path.join(folder, f"{os.path.splitext(program)[0]}_{tag}.py")
    shutil.copyfile(os.path.join(PROGRAMS, program), path)
    return path


def leftover(program):
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in ps.splitlines() if program in line and "check_trace" not in line]


def case_interrupt():
    endless = private_copy("endless.py", "interrupt")
    args = [BINARY, "--lang", "en", "trace", endless, "--clock", "real"]
    if PYTHON:
        args += ["--python", PYTHON]
    child = subprocess.Popen(args, cwd=PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, stdin=subprocess.DEVNULL)
    first = child.stdout.readline() + child.stdout.readline()
    deadline = time.monotonic() + 30
    # Wait for the first beat, then press Ctrl-C.
    while "beat 1" not in first and time.monotonic() < deadline:
        first += child.stdout.readline()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    expect_equal(child.returncode, 130, "exit code")
    check("Interrupted." in out and "Timeline" in out, out + err)
    name = os.path.basename(endless)
    check(not leftover(name), "no process left behind: " + str(leftover(name)))
    # The program hears the Ctrl-C as its own: asyncio.run cancels its task, whose cleanup
    # runs (its file removed, its last line shown), and no traceback is printed.
    tidy = private_copy("tidy.py", "interrupt")
    held = os.path.join(os.path.dirname(tidy), "held.txt")
    args = [BINARY, "--lang", "en", "trace", tidy, "--clock", "real"]
    if PYTHON:
        args += ["--python", PYTHON]
    args += ["--", held]
    child = subprocess.Popen(args, cwd=PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, stdin=subprocess.DEVNULL)
    first = ""
    deadline = time.monotonic() + 30
    while "holding" not in first and time.monotonic() < deadline:
        first += child.stdout.readline()
    check(os.path.exists(held), "the program holds its file before the Ctrl-C")
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    expect_equal(child.returncode, 130, "tidy: exit code")
    check(not os.path.exists(held), "tidy: the program removed its file on the Ctrl-C")
    check("tidied up" in out, "tidy: the cleanup's line is shown: " + out)
    check("Traceback" not in out + err and "KeyboardInterrupt" not in out + err,
          "tidy: no traceback: " + out + err)


def case_deadlock():
    rep = report("deadlock.py", "--clock", "virtual", expect=1)
    expect_equal(rep["outcome"], "deadlock", "outcome")
    expect_equal([(w["name"], w["on"]) for w in rep["deadlock"]], [("main", "event")], "waits")


def case_chatty():
    rep = report("chatty.py", "--clock", "virtual", timeout=900)
    expect_equal(len(rep["output"]), 2000, "lines kept")
    expect_equal(rep["lines_dropped"], 60_001 - 2000, "lines dropped")
    expect_equal(rep["output"][-1]["text"], "quiet now", "last line")
    done = trace("chatty.py", "--clock", "virtual", timeout=900)
    expect_equal(done.returncode, 0, "exit code")
    check(done.stdout.count("line ") >= 60_000, "every line shown as it came")


def case_crowd():
    done = trace("crowd.py", "--clock", "virtual", timeout=1800)
    expect_equal(done.returncode, 0, "exit code")
    rows = [line for line in done.stdout.splitlines() if line.startswith("Task-")]
    check(len(rows) < 50, f"{len(rows)} rows drawn")
    check("+99962 more" in done.stdout, done.stdout[-3000:])
    check("all waved" in done.stdout, "the last line")


def case_stdin():
    # A pipe is passed on to the program (a terminal is not: it reads an empty stdin).
    done = subprocess.run([BINARY, "--lang", "en", "trace", "stdin_echo.py", "--json"] +
                          (["--python", PYTHON] if PYTHON else []),
                          cwd=PROGRAMS, capture_output=True, text=True, input="twelve chars")
    rep = json.loads(done.stdout)
    expect_equal([line["text"] for line in rep["output"]], ["read 12 characters"],
                 "a pipe is passed on")
    rep = report("stdin_echo.py")  # stdin: /dev/null here
    expect_equal([line["text"] for line in rep["output"]], ["read 0 characters"], "no input")


def case_args():
    rep = report("args.py", "--", "--flag", "two words")
    expect_equal([line["text"] for line in rep["output"]], ["--flag two words"], "argv")


def case_exports():
    # --svg and --trace go through the renderers of `run`.
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        svg, chrome = os.path.join(folder, "t.svg"), os.path.join(folder, "t.json")
        done = trace("threads.py", "--clock", "virtual", "--svg", svg, "--trace", chrome)
        expect_equal(done.returncode, 0, "exit code: " + done.stderr)
        with open(svg, encoding="utf-8") as f:
            picture = f.read()
        check(picture.startswith("<svg") or "<svg" in picture[:200], picture[:200])
        check("pooled-2" in picture, "the rows are in the picture")
        with open(chrome, encoding="utf-8") as f:
            events = json.load(f)["traceEvents"]
        names = {e.get("args", {}).get("name") for e in events if e.get("ph") == "M"}
        check({"reader", "pooled-1", "pooled-2", "napper"} <= names, f"tracks: {names}")
        check(f"Picture saved to {svg}" in done.stdout or svg in done.stdout, done.stdout)


def case_compare():
    # Two programs, then a program and a lesson, on one axis with the ratio (virtual clock).
    done = subprocess.run([BINARY, "--lang", "en", "compare", "blocking.py", "threads.py"] +
                          (["--python", PYTHON] if PYTHON else []) * 0,
                          cwd=PROGRAMS, capture_output=True, text=True, timeout=600)
    expect_equal(done.returncode, 0, "exit code: " + done.stderr)
    check("A · blocking.py took 2.5 s   B · threads.py took 2 s" in done.stdout, done.stdout)
    check("B · threads.py is 1.25× faster than A · blocking.py" in done.stdout, done.stdout)
    done = subprocess.run([BINARY, "--lang", "en", "compare", "gather_jobs.py", "gather"],
                          cwd=PROGRAMS, capture_output=True, text=True, timeout=600)
    check("A · gather_jobs.py took 3 s   B · gather took 5 s" in done.stdout, done.stdout)
    done = subprocess.run([BINARY, "--lang", "en", "compare", "raises.py", "gather"],
                          cwd=PROGRAMS, capture_output=True, text=True, timeout=600)
    expect_equal(done.returncode, 1, "a program that raised: exit code")
    done = subprocess.run([BINARY, "--lang", "en", "compare", "missing.py", "gather"],
                          cwd=PROGRAMS, capture_output=True, text=True, timeout=600)
    expect_equal(done.returncode, 66, "a missing program: exit code")


# ---------------------------------------------------------------------------------------------
# The lessons' Python twins, traced, against the C++ lessons' own timelines.

def rows(rep):
    return [(t["name"], t["state"], [(s["kind"], s.get("on"), s["start"], s["end"])
                                     for s in t["segments"]]) for t in rep["tasks"]]


def lesson_number(slug):
    """The lesson's number in the catalogue (lessons.json), which names its twin's file."""
    with open(os.path.join(ROOT, "lessons.json"), encoding="utf-8") as f:
        for lesson in json.load(f)["lessons"]:
            if lesson["slug"] == slug:
                return lesson["number"]
    failures.append(f"no lesson {slug!r} in lessons.json")
    raise SystemExit(finish())


# Lessons whose twin cannot agree with the lesson under the virtual clock, each with why and
# with the call in the twin that makes it so (the rule stops holding once the call is gone).
NOT_COMPARED = {
    # The twin computes for real (jobs.burn_cpu counts CPU seconds of the thread). A traced
    # program's computing is the machine's own time, which the virtual clock counts as measured
    # (steps of 0.1 s or more, in hundredths), and threads computing in turn under the GIL
    # take as long as the machine's load makes them; the lesson's model counts exact seconds.
    # Only lessons/twin.py, which replaces burn_cpu by that model, can agree with it.
    "cpu-bound": "burn_cpu(",
}


# Lessons whose twin makes a different number of requests for the same I/O than the lesson
# does, each with why. Their rows are compared by what a student sees in the drawing: the
# same tasks, each going through the same kinds of waits at the same times, with a run of
# waits of one kind (requests one after another, at one instant) counted as one; elapsed,
# outcome and every printed line (text and time) are still compared exactly.
SAME_KINDS = {
    # aiofiles hands every readline to a worker thread, and TemporaryDirectory's cleanup is
    # one call of shutil.rmtree on a thread; the C++ aiofiles reads the file in chunks and
    # removes the folder entry by entry (runtime/aiofiles). And the heartbeat's turns are
    # as many as the loop gets while the disk works: not the same from one run to the next,
    # of the lesson either.
    "files": "aiofiles' requests per readline and per cleanup, and the heartbeat's turns",
    # The folder's cleanup: one request in aiofiles, one per entry in the C++ aiofiles.
    "sqlite": "aiofiles' TemporaryDirectory cleanup is one request, the C++ one's one per entry",
}


# Twins the trace does not yet follow: open work, not rules. Each is skipped (77) with its
# reason, so that the gap is seen in every test run rather than hidden.
NOT_YET = {}


def twin_python(program):
    """The Python the twin tests use (tests/twins/pick_python.sh): Debian's, for a twin that
    imports aiofiles, aiosqlite, aiohttp or requests; None to keep the default."""
    global PYTHON
    with open(program, encoding="utf-8") as f:
        modules = re.findall(r"^import (aiofiles|aiosqlite|aiohttp|requests)\b", f.read(), re.M)
    if not modules or PYTHON:
        return
    PYTHON = "/usr/bin/python3"
    for module in sorted(set(modules)):
        probe = subprocess.run([PYTHON, "-c", "import " + module], capture_output=True)
        if probe.returncode != 0:
            print(f"skipped: {PYTHON} has no {module} (scripts/deps.sh installs it)")
            sys.exit(77)


def same_kinds(segments):
    """A row's segments with each run of waits of one kind (and the zero-length steps between
    them) as one wait."""
    merged = []
    for seg in segments:
        kind, on, start, end = seg
        if (kind != "run" and len(merged) >= 2 and merged[-1][0] == "run"
                and merged[-1][2] == merged[-1][3] and merged[-2][:2] == (kind, on)
                and merged[-2][3] == start):
            merged.pop()
            merged[-1] = (kind, on, merged[-1][2], end)
            continue
        merged.append(seg)
    return merged


def lesson_server(program):
    """The environment of a twin that calls the lessons' test server (ASYNCDEMO_SERVER):
    `asyncdemo serve` running on a free port, as tests/twins start it."""
    sys.path.insert(0, os.path.join(HERE, os.pardir, "twins"))
    from test_server import environment_for

    @contextlib.contextmanager
    def added():
        with environment_for(BINARY, program) as env:
            yield {k: v for k, v in env.items() if os.environ.get(k) != v}
    return added()


def twin(slug):
    number = lesson_number(slug)
    folder = os.path.join(ROOT, "lessons")
    program = next(os.path.join(folder, f) for f in sorted(os.listdir(folder))
                   if f.startswith(f"{number:02d}_") and f.endswith(".py"))
    if slug in NOT_YET:
        print(f"skipped: not compared yet: {NOT_YET[slug]}")
        sys.exit(77)
    twin_python(program)
    if slug in NOT_COMPARED:
        with open(program, encoding="utf-8") as f:
            check(NOT_COMPARED[slug] in f.read(),
                  f"{slug}: its twin no longer calls {NOT_COMPARED[slug]!r}: compare it again")
        return
    lesson = subprocess.run([BINARY, "run", slug, "--clock", "virtual", "--json"],
                            capture_output=True, text=True)
    cpp = json.loads(lesson.stdout)
    # A lesson that shows a deadlock did what it should (exit 0); a program that deadlocks
    # failed (exit 1, as a traced program that raised). The timelines must still agree.
    with lesson_server(program) as env:
        py = report(program, "--clock", "virtual",
                    expect=1 if cpp["outcome"] == "deadlock" else lesson.returncode, env=env)
    expect_equal(py["elapsed"], cpp["elapsed"], "elapsed")
    expect_equal(py["outcome"], cpp["outcome"], "outcome")
    a, b = rows(cpp), rows(py)
    if slug in SAME_KINDS:
        a = [(name, state, same_kinds(segments)) for name, state, segments in a]
        b = [(name, state, same_kinds(segments)) for name, state, segments in b]
        # A twin run alone tags its lines itself ("   1.000 s  fetch-1  │ text").
        expect_equal([(line["t"], line["text"].split("│ ", 1)[-1]) for line in py["output"]],
                     [(line["t"], line["text"]) for line in cpp["output"]], "printed lines")
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        check(x == y, f"row {i}:\n  lesson {x}\n  traced {y}")


# ---------------------------------------------------------------------------------------------
# The terminal text in three languages (tests/trace/golden/).

def golden(lang):
    done = subprocess.run([BINARY, "--lang", lang, "--color", "never", "trace",
                           "gather_jobs.py", "--clock", "virtual"] +
                          (["--python", PYTHON] if PYTHON else []),
                          cwd=PROGRAMS, capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS="80"))
    path = os.path.join(HERE, "golden", f"gather_jobs.{lang}.txt")
    if os.environ.get("UPDATE_GOLDEN"):
        with open(path, "w", encoding="utf-8") as f:
            f.write(done.stdout)
    with open(path, encoding="utf-8") as f:
        expected = f.read()
    check(done.stdout == expected, f"{lang} differs from {path}:\n{done.stdout}")


def case_golden_en():
    golden("en")


def case_golden_pt_BR():
    golden("pt-BR")


def case_golden_uk():
    golden("uk")


def finish():
    if failures:
        print("\n".join(failures))
        return 1
    return 0


def interpreter(name):
    """The real path of the Python called `name` (pyenv's shims answer for versions they do
    not select); None when there is none that runs."""
    if shutil.which(name) is None:
        return None
    try:
        found = subprocess.run([name, "-c", "import sys; print(sys.executable)"],
                               capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else None


def main():
    global BINARY, PYTHON
    BINARY = os.path.abspath(sys.argv[1])
    name = sys.argv[2]
    if "--python" in sys.argv:
        wanted = sys.argv[sys.argv.index("--python") + 1]
        PYTHON = interpreter(wanted)
        if PYTHON is None:
            print(f"skipped: {wanted} is not installed")
            sys.exit(77)
    if name.startswith("twin:"):
        twin(name[len("twin:"):])
        sys.exit(finish())
    case = globals().get("case_" + name.replace("-", "_"))
    if case is None:
        print("no case " + name)
        sys.exit(2)
    case()
    sys.exit(finish())


if __name__ == "__main__":
    main()
