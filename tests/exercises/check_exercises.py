#!/usr/bin/env python3
"""Tests of `asyncdemo exercise`: every exercise's starter fails its facts with the expected
first hint and its reference solution passes (both run, on the virtual clock); wrong solutions
fail with the fact that fits their mistake; start, solution and progress rules; bad input; the
messages in three languages.

usage: check_exercises.py ASYNCDEMO_BINARY CASE      (CASE: a case below, or exercise:NAME)

Exit 0 when the case holds, 1 with what differs, 77 (skipped) without python3.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
ROOT = os.path.dirname(os.path.dirname(HERE))
BINARY = None
failures = []

# The first fact each starter fails: the one whose hint the student sees first. A new exercise
# needs its line here (the case exercise:NAME says so).
STARTER_FAILS_FIRST = {
    "await": "same_output",
    "create-task": "overlap",
    "gather": "elapsed",
    "timeout": "same_output",
    "lock": "same_output",
    "semaphore": "at_most",
    "queue": "ends_ok",
    "to-thread": "no_blocking",
    "forgotten-task": "all_awaited",
    "cancel": "same_output",
    "as-completed": "same_output",
    "taskgroup": "same_output",
    "deadline": "elapsed",
    "event": "elapsed",
    "crawler": "at_most",
}


def needs_aiohttp(name):
    with open(os.path.join(ROOT, "exercises", name + ".py"), encoding="utf-8") as f:
        return "import aiohttp" in f.read()


def python_with_aiohttp():
    """A Python 3.11+ that has aiohttp (this one, or Debian's), for the real-I/O exercises;
    None when there is none here (the case is then skipped, exit 77)."""
    for python in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if python and os.path.exists(python) and subprocess.run(
                [python, "-c", "import sys, aiohttp; sys.exit(sys.version_info < (3, 11))"],
                capture_output=True).returncode == 0:
            return python
    return None


PYTHON = sys.executable  # the python3 the checker finds on PATH (Sandbox)


def check(condition, what):
    if not condition:
        failures.append(what)


def expect_equal(actual, expected, what):
    check(actual == expected, f"{what}: {actual!r}, expected {expected!r}")


class Sandbox:
    """A folder to work in, with a progress of its own (XDG_STATE_HOME)."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="asyncdemo-exercises-test-")
        # python3 on PATH is the interpreter running this test, found at once (a version
        # manager's shim would start a shell for each of the checker's runs).
        path = os.path.dirname(os.path.realpath(PYTHON)) + os.pathsep + os.environ.get(
            "PATH", "")
        self.env = dict(os.environ, XDG_STATE_HOME=os.path.join(self.folder, "state"),
                        COLUMNS="80", PATH=path)

    def run(self, *args, lang="en", timeout=600):
        return subprocess.run([BINARY, "--lang", lang, "--color", "never", *args],
                              cwd=self.folder, capture_output=True, text=True, env=self.env,
                              timeout=timeout)

    def check_json(self, path, lang="en"):
        done = self.run("exercise", "check", path, "--json", lang=lang)
        try:
            return done.returncode, json.loads(done.stdout)
        except json.JSONDecodeError:
            failures.append(f"{path}: no JSON ({done.returncode}): {done.stdout[:300]!r} "
                            f"{done.stderr[-1000:]!r}")
            raise SystemExit(finish())

    def progress(self):
        path = os.path.join(self.folder, "state", "asyncdemo", "progress.json")
        if not os.path.exists(path):
            return {}
        with open(path, encoding="utf-8") as f:
            return json.load(f).get("exercises", {})

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def in_parallel(jobs):
    """Runs the jobs (each checks one program) side by side: the checks wait mostly on their
    Python children, and the exercise tests must stay cheap in CI."""
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        for done in [pool.submit(job) for job in jobs]:
            done.result()


def failing(report):
    return [f["fact"] for f in report["facts"] if not f["holds"]]


def catalogue():
    with open(os.path.join(ROOT, "exercises", "exercises.json"), encoding="utf-8") as f:
        return json.load(f)["exercises"]


def exercise_named(name):
    return next(e for e in catalogue() if e["name"] == name)


def expected_runs(exercise):
    """The file as written, each listed set, and the seeded one when the first listed set has
    a list that can take another order."""
    lists = [v for v in exercise["variants"][0].values() if v.startswith("[")]
    seeded = any(len(set(v.strip("[]").replace(" ", "").split(","))) > 1 for v in lists)
    return 1 + len(exercise["variants"]) + (1 if seeded else 0)


def exercise_case(name):
    """The starter, as `start` writes it, fails with the expected first fact and its hint; the
    reference, as `solution --force` prints it, passes. Each in one language, the exercises
    taking turns (every language has its third of the starters and of the references): the
    words come from the same templates in all three, and the goldens show each language's
    whole page."""
    check(name in STARTER_FAILS_FIRST, f"{name}: no expected first failing fact in the test")
    index = [e["name"] for e in catalogue()].index(name)
    box = Sandbox()
    languages = ("en", "pt-BR", "uk")

    def starter(lang):
        folder = "start-" + lang
        done = box.run("exercise", "start", name, "--dir", folder, lang=lang)
        expect_equal(done.returncode, 0, f"{name} {lang}: start: {done.stderr}")
        path = os.path.join(folder, name + ".py")
        code, report = box.check_json(path, lang=lang)
        expect_equal(code, 1, f"{name} {lang}: the starter's exit code")
        expect_equal(report["solved"], False, f"{name} {lang}: the starter is not solved")
        first = failing(report)[:1]
        expect_equal(first, [STARTER_FAILS_FIRST.get(name)], f"{name} {lang}: first failing")
        facts = exercise_named(name)["facts"]
        wanted = next((h["hint"][lang] for h in facts if h["fact"] == (first or [""])[0]), None)
        expect_equal(report.get("hint"), wanted, f"{name} {lang}: the hint")

    def solution(lang):
        done = box.run("exercise", "solution", name, "--force", lang=lang)
        expect_equal(done.returncode, 0, f"{name} {lang}: solution --force")
        mine = os.path.join(box.folder, f"solved-{lang}.py")
        with open(mine, "w", encoding="utf-8") as f:
            f.write(done.stdout)
        code, report = box.check_json(mine, lang=lang)
        expect_equal((code, failing(report)), (0, []), f"{name} {lang}: the solution")
        expect_equal(report["runs"], expected_runs(exercise_named(name)),
                     f"{name}: every set of constants ran")
        hard_coded(lang, done.stdout, report["timeline"])

    def hard_coded(lang, reference, timeline):
        # The reference's own output for the constants as written, printed at the same
        # moments by a program that computes nothing: it must not pass. Some fact holds for
        # the file's own constants and fails for another set (the rule that the constants
        # are changed, seen from the student's side).
        lines = [reference.splitlines()[0], "import asyncio", ""]
        lines += [line for line in reference.splitlines() if re.match(r"[A-Z_]+ = ", line)]
        lines += ["", "", "async def main():"]
        now = 0
        for printed in timeline["output"]:
            lines += [f"    await asyncio.sleep({printed['t'] - now!r})",
                      f"    print({printed['text']!r})"]
            now = printed["t"]
        lines += [f"    await asyncio.sleep({timeline['elapsed'] - now!r})", "", "",
                  "asyncio.run(main())", ""]
        cheat = os.path.join(box.folder, f"hard-coded-{lang}.py")
        with open(cheat, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        code, report = box.check_json(cheat, lang=lang)
        expect_equal(code, 1, f"{name}: the output written out passes")
        caught = [f["fact"] for f in report["facts"] if f["holds_as_written"] and not f["holds"]]
        check(caught, f"{name}: no fact fails only for other constants: {report['facts']}")

    try:
        in_parallel([lambda: starter(languages[index % 3]),
                      lambda: solution(languages[(index + 1) % 3])])
        expect_equal(box.progress().get(name), "solved", f"{name}: progress")
    finally:
        box.close()


def program_case(program, expected_code, expected_first, as_written=None):
    box = Sandbox()
    try:
        code, report = box.check_json(os.path.join(PROGRAMS, program))
        expect_equal(code, expected_code, f"{program}: exit code")
        expect_equal(failing(report)[:1], expected_first, f"{program}: first failing fact")
        if as_written is not None and expected_first:
            fact = next(f for f in report["facts"] if f["fact"] == expected_first[0])
            expect_equal(fact["holds_as_written"], as_written,
                         f"{program}: holds for the constants as written")
        return report
    finally:
        box.close()


def case_gather_right():
    # The tutorials' three ways: gather (the shipped solution, in exercise:gather), a
    # TaskGroup, tasks made first and awaited in turn.
    in_parallel([lambda: program_case("gather_taskgroup.py", 0, []),
                 lambda: program_case("gather_create_task.py", 0, [])])


# Wrong solutions (programs/), each one of the mistakes the tutorials warn about: the exercise,
# the first fact that does not hold (so the hint the student sees), and whether that fact held
# for the constants as written (True: right only for the file's own values, caught by the
# other sets of constants).
WRONG = {
    "await_fixed_sleep.py": ("await", "elapsed", True),
    "await_task_not_awaited.py": ("await", "same_output", False),
    "create_task_not_awaited.py": ("create-task", "all_awaited", False),
    "create_task_awaited_at_once.py": ("create-task", "overlap", False),
    "gather_time_sleep.py": ("gather", "no_blocking", False),
    "gather_dropped.py": ("gather", "same_output", False),
    "gather_fixed_list.py": ("gather", "same_output", True),
    "gather_fixed_sleep.py": ("gather", "elapsed", True),
    # Right for every set listed in exercises.json: only the seeded set (its lists in another
    # order, drawn from the file's text) catches it.
    "gather_known_sets.py": ("gather", "elapsed", True),
    "timeout_uncaught.py": ("timeout", "ends_ok", False),
    "timeout_fixed_message.py": ("timeout", "same_output", True),
    "timeout_fixed_sleep.py": ("timeout", "elapsed", True),
    "lock_sleep_removed.py": ("lock", "waits_lock", False),
    "lock_wrong_part.py": ("lock", "same_output", False),
    "lock_new_each_time.py": ("lock", "same_output", False),
    "semaphore_one_at_a_time.py": ("semaphore", "elapsed", False),
    "semaphore_of_one.py": ("semaphore", "elapsed", False),
    "semaphore_fixed_limit.py": ("semaphore", "at_most", True),
    "semaphore_wrong_part.py": ("semaphore", "at_most", False),
    "queue_fixed_count.py": ("queue", "ends_ok", True),
    "queue_while_not_empty.py": ("queue", "same_output", False),
    "to_thread_removed.py": ("to-thread", "on_thread", False),
    "to_thread_in_a_coroutine.py": ("to-thread", "no_blocking", False),
    "to_thread_called_first.py": ("to-thread", "ends_ok", False),
    "cancel_not_awaited.py": ("cancel", "same_output", False),
    "cancel_swallowed.py": ("cancel", "elapsed", False),
    "as_completed_sorted.py": ("as-completed", "same_times", False),
    # Crashes for other DELAYS (an index out of range): the file's own values hide it.
    "as_completed_fixed_order.py": ("as-completed", "ends_ok", True),
    "taskgroup_gather.py": ("taskgroup", "same_output", False),
    "taskgroup_plain_except.py": ("taskgroup", "ends_ok", False),
    "deadline_per_leg.py": ("deadline", "elapsed", False),
    "deadline_uncaught.py": ("deadline", "ends_ok", False),
    "deadline_fixed_message.py": ("deadline", "same_output", True),
    "event_fast_polling.py": ("event", "elapsed", True),
    "event_no_wait.py": ("event", "same_output", False),
    "crawler_one_at_a_time.py": ("crawler", "elapsed", False),
    "crawler_fixed_limit.py": ("crawler", "at_most", True),
    "forgotten_fixed_sleep.py": ("forgotten-task", "elapsed", False),
    "forgotten_never_started.py": ("forgotten-task", "same_output", False),
}


def wrong_case(name):
    """Every wrong solution of exercise NAME fails, first with the fact (and hint) that fits
    its mistake. The programs are checked at the same time, each in a sandbox of its own."""
    programs = [(p, fact, written) for p, (e, fact, written) in WRONG.items() if e == name]
    check(len(programs) >= 2, f"{name}: {len(programs)} wrong solutions in the test, not 2")

    def one(program, fact, written):
        report = program_case(program, 1, [fact], as_written=written)
        expect_equal(report["exercise"], name, f"{program}: the exercise")
        hint = next(f["hint"]["en"] for f in exercise_named(name)["facts"] if f["fact"] == fact)
        expect_equal(report.get("hint"), hint, f"{program}: the hint")

    in_parallel([lambda p=p, f=f, w=w: one(p, f, w) for p, f, w in programs])


def case_faults():
    box = Sandbox()
    try:
        # A program that never ends: stopped at the check's timeout, the timeline so far.
        code, report = box.check_json(os.path.join(PROGRAMS, "endless.py"))
        expect_equal((code, failing(report)[:1]), (1, ["ends_ok"]), "endless")
        check(report["timeline"]["elapsed"] == 60, f"endless: stopped at 60 s: "
              f"{report['timeline']['elapsed']}")
        # One that raises: the traceback after the timeline, "ends without an error" fails.
        code, report = box.check_json(os.path.join(PROGRAMS, "raises.py"))
        expect_equal((code, failing(report)[:1]), (1, ["ends_ok"]), "raises")
        check("TimeoutError" in report.get("traceback", ""), "raises: the traceback")
        text = box.run("exercise", "check", os.path.join(PROGRAMS, "raises.py")).stdout
        check(text.index("Timeline") < text.index("Traceback") < text.index("Hint:"),
              "raises: timeline, traceback, then the hint: " + text)
        # Not Python: exit 65, the line named.
        done = box.run("exercise", "check", os.path.join(PROGRAMS, "broken.py"))
        expect_equal(done.returncode, 65, "syntax error: exit code")
        check("line 4" in done.stderr and "SyntaxError" in done.stderr, done.stderr)
        # A missing file: 66.
        done = box.run("exercise", "check", "nowhere.py")
        expect_equal(done.returncode, 66, "missing file: exit code")
        # A file that is no exercise: 64, the names listed.
        other = os.path.join(box.folder, "mine.py")
        with open(other, "w", encoding="utf-8") as f:
            f.write("print('hi')\n")
        done = box.run("exercise", "check", other)
        expect_equal(done.returncode, 64, "not an exercise: exit code")
        check("gather" in done.stderr and "mine.py" in done.stderr, done.stderr)
        # An unknown name: 64, the valid names listed, in the user's language.
        for lang, word in (("en", "unknown exercise"), ("pt-BR", "exercício desconhecido"),
                           ("uk", "невідома вправа")):
            done = box.run("exercise", "start", "gathr", lang=lang)
            expect_equal(done.returncode, 64, f"unknown name {lang}: exit code")
            check(word in done.stderr and "forgotten-task" in done.stderr, done.stderr)
    finally:
        box.close()


def case_start_rules():
    box = Sandbox()
    try:
        done = box.run("exercise", "start", "gather")
        expect_equal(done.returncode, 0, "start")
        path = os.path.join(box.folder, "asyncdemo-exercises", "gather.py")
        check(path.endswith(done.stdout.split()[1].rstrip(".")) or
              "asyncdemo-exercises/gather.py" in done.stdout, done.stdout)
        with open(path, encoding="utf-8") as f:
            starter = f.read()
        check("TODO" in starter and "DELAYS = [1, 3, 2]" in starter, starter)
        # Unchanged: writing it again is harmless (in another language, too).
        done = box.run("exercise", "start", "gather", lang="uk")
        expect_equal(done.returncode, 0, "start again over the untouched starter")
        with open(path, encoding="utf-8") as f:
            check("# Вправа: три завантаження разом" in f.read(), "rewritten in Ukrainian")
        # Changed: never overwritten, exit 73 naming the path.
        with open(path, "a", encoding="utf-8") as f:
            f.write("# my work\n")
        for lang, word in (("en", "left as it is"), ("pt-BR", "fica como está"),
                           ("uk", "залишено як є")):
            done = box.run("exercise", "start", "gather", lang=lang)
            expect_equal(done.returncode, 73, f"changed file {lang}: exit code")
            check("asyncdemo-exercises/gather.py" in done.stderr and word in done.stderr,
                  done.stderr)
        with open(path, encoding="utf-8") as f:
            check(f.read().endswith("# my work\n"), "the student's work is kept")
        # --dir elsewhere.
        done = box.run("exercise", "start", "lock", "--dir", "elsewhere")
        check(os.path.exists(os.path.join(box.folder, "elsewhere", "lock.py")), done.stdout)
    finally:
        box.close()


def case_solution_rules():
    box = Sandbox()
    try:
        done = box.run("exercise", "solution", "gather")
        expect_equal(done.returncode, 1, "locked: exit code")
        check("async" not in done.stdout, "nothing of the solution shown")
        check("--force" in done.stderr, done.stderr)
        # Solving unlocks it, and the next exercise moves on.
        box.run("exercise", "start", "gather")
        solved = os.path.join(PROGRAMS, "gather_taskgroup.py")
        code, _ = box.check_json(solved)
        expect_equal(code, 0, "solved")
        done = box.run("exercise", "solution", "gather")
        expect_equal(done.returncode, 0, "unlocked")
        check("asyncio.gather(" in done.stdout, done.stdout)
        expect_equal(box.progress(), {"gather": "solved"}, "progress")
        # --force shows one not solved, and the progress records it.
        done = box.run("exercise", "solution", "lock", "--force")
        check("async with lock" in done.stdout, done.stdout)
        expect_equal(box.progress(), {"gather": "solved", "lock": "shown"}, "progress")
        listing = json.loads(box.run("exercise", "list", "--json").stdout)
        status = {e["name"]: e["status"] for e in listing}
        expect_equal((status["gather"], status["lock"], status["await"]),
                     ("solved", "shown", "new"), "list --json")
        # The next unsolved: the first in syllabus order.
        done = box.run("exercise")
        check("Wait for the kettle" in done.stdout and "exercise start await" in done.stdout,
              done.stdout)
    finally:
        box.close()


def case_watch():
    # Checked on start, again once the file is saved, and Ctrl-C ends the watch (exit 130).
    # The progress cannot be kept here (its folder is a file): said once for the whole watch,
    # though the file passes twice.
    import signal
    import time
    box = Sandbox()
    try:
        box.run("exercise", "start", "gather")
        path = os.path.join(box.folder, "asyncdemo-exercises", "gather.py")
        unkept = os.path.join(box.folder, "not-a-folder")
        with open(unkept, "w", encoding="utf-8") as f:
            f.write("a file where the progress folder would be\n")
        child = subprocess.Popen([BINARY, "--lang", "en", "--color", "never", "exercise",
                                  "check", path, "--watch"], cwd=box.folder,
                                 env=dict(box.env, XDG_STATE_HOME=unkept),
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seen = ""

        def read_until(text, times=1, limit=300):
            nonlocal seen
            deadline = time.monotonic() + limit
            while seen.count(text) < times and time.monotonic() < deadline:
                line = child.stdout.readline()
                if not line:
                    break
                seen += line
            return seen.count(text) >= times

        check(read_until("Watching"), "the first check, then watching: " + seen)
        check("does not hold" in seen, "the starter does not pass: " + seen)
        shutil.copyfile(os.path.join(PROGRAMS, "gather_taskgroup.py"), path)
        check(read_until("Every fact holds"), "checked again after the save: " + seen)
        check(read_until("Watching", times=2), "watching again: " + seen)
        with open(path, "a", encoding="utf-8") as f:
            f.write("# saved once more\n")
        check(read_until("Every fact holds", times=2), "checked after the second save: " + seen)
        check(read_until("Watching", times=3), "watching a third time: " + seen)
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            failures.append("Ctrl-C did not end the watch")
        seen += child.stdout.read()
        expect_equal(child.returncode, 130, "watch: exit code after Ctrl-C")
        expect_equal(seen.count("progress is not being kept"), 1,
                     "the progress that cannot be kept, said once: " + seen)
    finally:
        box.close()


def case_progress_unkept():
    # A progress folder that cannot be written: said once per command, in the user's
    # language, on stderr (the JSON report stays whole), and the command goes on.
    box = Sandbox()
    try:
        unkept = os.path.join(box.folder, "not-a-folder")
        with open(unkept, "w", encoding="utf-8") as f:
            f.write("a file where the progress folder would be\n")
        box.env["XDG_STATE_HOME"] = unkept
        for lang, words in (("en", "progress is not being kept"),
                            ("pt-BR", "progresso não está sendo guardado"),
                            ("uk", "прогрес не зберігається")):
            done = box.run("exercise", "solution", "lock", "--force", lang=lang)
            expect_equal(done.returncode, 0, f"{lang}: solution --force goes on")
            check("async with lock" in done.stdout, done.stdout)
            expect_equal(done.stderr.count(words), 1, f"{lang}: said once: {done.stderr}")
            check(unkept in done.stderr, f"{lang}: the path named: {done.stderr}")
        code, report = box.check_json(os.path.join(PROGRAMS, "gather_taskgroup.py"))
        expect_equal((code, report["solved"]), (0, True), "solved, though not kept")
    finally:
        box.close()


def case_languages():
    # The check's page in each language is the goldens' (golden_*); here the list.
    box = Sandbox()
    try:
        for lang, word in (("en", "Part 7"), ("pt-BR", "Parte 7"), ("uk", "Частина 7")):
            done = box.run("exercise", "list", lang=lang)
            expect_equal(done.returncode, 0, f"{lang}: list")
            check(word in done.stdout and "crawler" in done.stdout, f"{lang}: {done.stdout}")
    finally:
        box.close()


def case_catalogue():
    # Every exercise: three languages in every text, known facts, two wrong solutions or
    # more in this test, and each part of the syllabus (1-8) has one.
    known = {"ends_ok", "no_blocking", "same_output", "same_times", "elapsed", "all_awaited",
             "overlap", "at_most", "waits_lock", "waits_event", "on_thread"}
    parts = set()
    for e in catalogue():
        parts.add(e["part"])
        texts = [e["title"], e["task"], *e["text"].values(), *(f["hint"] for f in e["facts"])]
        for text in texts:
            expect_equal(sorted(text), ["en", "pt-BR", "uk"], f"{e['name']}: languages")
        for fact in e["facts"]:
            check(fact["fact"] in known, f"{e['name']}: unknown fact {fact['fact']}")
        check(e["facts"][0]["fact"] == "ends_ok", f"{e['name']}: ends_ok comes first")
        check(len(e["variants"]) >= 2, f"{e['name']}: at least two other sets of constants")
        wrong = [p for p, (name, _, _) in WRONG.items() if name == e["name"]]
        check(len(wrong) >= 2, f"{e['name']}: wrong solutions in the test: {wrong}")
    check(set(range(1, 9)) <= parts, f"parts covered: {sorted(parts)}")
    check(len(catalogue()) >= 15, f"{len(catalogue())} exercises")


def golden(lang):
    """`exercise check` in the terminal, in one language (tests/exercises/golden/)."""
    env = dict(os.environ, XDG_STATE_HOME=tempfile.mkdtemp(prefix="asyncdemo-ex-golden-"),
               COLUMNS="80")
    done = subprocess.run([BINARY, "--lang", lang, "--color", "never", "exercise", "check",
                           "gather_fixed_sleep.py"], cwd=PROGRAMS, capture_output=True,
                          text=True, env=env, timeout=600)
    expect_equal(done.returncode, 1, f"{lang}: exit code")
    path = os.path.join(HERE, "golden", f"gather_fixed_sleep.{lang}.txt")
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


def main():
    global BINARY, PYTHON
    BINARY = os.path.abspath(sys.argv[1])
    name = sys.argv[2]
    exercise = name.split(":", 1)[1] if ":" in name else None
    if exercise and needs_aiohttp(exercise):
        PYTHON = python_with_aiohttp()
        if PYTHON is None:
            print(f"{name}: skipped, no Python 3.11+ with aiohttp here")
            sys.exit(77)
    if name.startswith("exercise:"):
        exercise_case(name[len("exercise:"):])
    elif name.startswith("wrong:"):
        wrong_case(name[len("wrong:"):])
    else:
        case = globals().get("case_" + name.replace("-", "_"))
        if case is None:
            print("no case " + name)
            sys.exit(2)
        case()
    sys.exit(finish())


if __name__ == "__main__":
    main()
