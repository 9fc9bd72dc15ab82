"""Runs a Python twin of a lesson the way asyncdemo runs the C++ program:

    python3 lessons/twin.py gather                           # real time, English
    python3 lessons/twin.py 11 --set delays=2,1 --lang uk --clock virtual
    python3 lessons/twin.py gather --clock virtual --events  # what the twin test reads

A twin (lessons/NN_slug.py) is plain asyncio code: its params are UPPER_CASE constants at the
top, and it ends with `asyncio.run(main())` (or drives a loop of its own). This harness keeps
everything else out of it. Before the lesson module is loaded it replaces:

- asyncio.run: runs main as the task "main", on the clock chosen with --clock, and cancels
  the tasks left when main ends (as asyncio.run does);
- asyncio.new_event_loop: a loop on the chosen clock, for a lesson that drives its own;
- time.sleep, asyncio.to_thread, loop.run_in_executor and jobs.burn_cpu: under the virtual
  clock, blocking work counts on that clock (see "Work off the loop" below), and so does the
  wait of a blocking GET to the lessons' test server (_simulate_server_delays).

Then it loads the module, sets its param constants from lessons.json's defaults and --set,
and runs the module's `if __name__ == "__main__":` block. A lesson whose expected outcome is a
deadlock is watched for it instead of hanging (see "Deadlocks" at the end).
"""
import ast
import asyncio
import collections
import concurrent.futures
import glob
import heapq
import importlib.util
import json
import os
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jobs  # noqa: E402
import lines  # noqa: E402
from virtual_clock import OrderedTimerHandle, VirtualClockLoop  # noqa: E402

_state = {"clock": "real", "expected_outcome": "ok", "job": None}
_real_sleep = time.sleep
_real_to_thread = asyncio.to_thread
_real_burn_cpu = jobs.burn_cpu


class RealClockLoop(asyncio.SelectorEventLoop):
    """The ordinary loop, its time counted from its start, with the same tie order for timers
    as the virtual one."""

    def __init__(self):
        super().__init__()
        self._origin = super().time()

    def time(self):
        return super().time() - self._origin

    def call_at(self, when, callback, *args, context=None):
        timer = OrderedTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


# ---------------------------------------------------------------------------------------------
# The command line and the lesson module.

def _parse_value(spec, text):
    kind = spec["type"]
    if kind == "list":
        return [_number(x) for x in text.split(",")] if text else []
    if kind == "integer":
        return int(text)
    if kind in ("number", "seconds"):
        return _number(text)
    return text


def _number(text):
    value = float(text.replace(",", ".")) if "," in text and "." not in text else float(text)
    return int(value) if value.is_integer() else value


def _lesson_file(lesson):
    found = glob.glob(os.path.join(HERE, f"{lesson['number']:02d}_*.py"))
    if not found:
        raise SystemExit(f"no Python twin for lesson {lesson['number']} ({lesson['slug']})")
    return found[0]


def _setup(argv):
    usage = ("usage: twin.py LESSON [--set NAME=VALUE]... [--lang en|pt-BR|uk] "
             "[--clock real|virtual] [--events]")
    if not argv or argv[0].startswith("-"):
        raise SystemExit(usage)
    name, args = argv[0], argv[1:]
    _, lesson = lines.load(_slug_of(name))
    _state["expected_outcome"] = lesson.get("expected_outcome", "ok")
    specs = {p["name"]: p for p in lesson.get("params", [])}
    values = {n: spec["default"] for n, spec in specs.items()}
    while args:
        flag = args.pop(0)
        if flag == "--set" and args:
            key, _, text = args.pop(0).partition("=")
            if key not in specs:
                raise SystemExit(f"{lesson['slug']} has no param {key!r}; valid: {sorted(specs)}")
            values[key] = _parse_value(specs[key], text)
        elif flag == "--lang" and args:
            lines.settings["lang"] = args.pop(0)
        elif flag == "--clock" and args:
            _state["clock"] = args.pop(0)
        elif flag == "--events":
            lines.settings["events"] = True
        else:
            raise SystemExit(usage)
    return lesson, values


def _slug_of(name):
    """The slug of a lesson given by slug or by number."""
    with open(os.path.join(lines.ROOT, "lessons.json"), encoding="utf-8") as f:
        for lesson in json.load(f)["lessons"]:
            if lesson["slug"] == name or name.isdigit() and lesson["number"] == int(name):
                return lesson["slug"]
    raise SystemExit(f"lessons.json has no lesson {name!r}")


def _run_lesson(path, values):
    """Loads the lesson module without its __main__ block, sets its params, then runs that
    block in the module, as `python3 NN_slug.py` would."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    main_blocks = [node for node in tree.body if _is_main_block(node)]
    tree.body = [node for node in tree.body if not _is_main_block(node)]
    spec = importlib.util.spec_from_loader("lesson", loader=None, origin=path)
    module = importlib.util.module_from_spec(spec)
    module.__file__ = path
    sys.modules["lesson"] = module
    try:
        exec(compile(tree, path, "exec"), module.__dict__)
    except ModuleNotFoundError as error:
        # A twin of the real-I/O lessons uses what the tutorials use (aiohttp...), from the
        # system's packages: without it the twin is skipped (exit 77, as the tests count it).
        print(f"skipped: {os.path.basename(path)} needs the Python module {error.name!r} "
              f"(Debian: python3-{error.name}), which {sys.executable} cannot import")
        raise SystemExit(77)
    for name, value in values.items():
        constant = name.upper()
        if constant not in module.__dict__:
            raise SystemExit(f"{os.path.basename(path)} has no constant {constant} for its "
                             f"param {name!r}")
        module.__dict__[constant] = value
    for block in main_blocks:
        exec(compile(ast.Module(body=block.body, type_ignores=[]), path, "exec"), module.__dict__)


def _is_main_block(node):
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


# ---------------------------------------------------------------------------------------------
# asyncio.run and asyncio.new_event_loop on the chosen clock.

def new_event_loop():
    loop = _SimulatingLoop() if _state["clock"] == "virtual" else RealClockLoop()
    if _state["expected_outcome"] == "deadlock":
        loop._selector = _DeadlockWatch(loop, loop._selector)
    return loop


def _cancel_all_tasks(loop):
    """What asyncio.run() does once main has ended (asyncio.runners._cancel_all_tasks), and
    asyncdemo's asyncio::run too. (As in CPython, several such tasks are cancelled in the order
    of all_tasks(), a set.)"""
    tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
    if not tasks:
        return
    for task in tasks:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))


def run(main, *, debug=None):
    loop = new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        task = loop.create_task(main)  # numbered like asyncio.run's main, Task-1...
        task.set_name("main")
        return loop.run_until_complete(task)
    finally:
        try:
            _cancel_all_tasks(loop)
        finally:
            asyncio.set_event_loop(None)
            loop.close()


# ---------------------------------------------------------------------------------------------
# Work off the loop: threads and processes, as asyncdemo's runtime models them (threads.hpp,
# blocking.hpp).
#
# Under the real clock these are Python's own calls. Under the virtual clock a call handed to
# an executor is simulated: it runs at once, on the loop's thread, where time.sleep and
# burn_cpu add to its cost instead of taking time; the call then holds one of the executor's
# workers for that many virtual seconds, after waiting, first come, first served, while every
# worker is busy. Pure-Python computing (burn_cpu) on a thread also needs the GIL, modelled as
# one lock that such calls take in turn (each process has a GIL of its own). A call already
# running holds its worker to the end, even if its awaiter is cancelled. On the loop's thread,
# time.sleep and burn_cpu hold the loop: its clock jumps by their duration.

def blocking_sleep(seconds):
    job = _state["job"]
    if job is not None:
        job["cost"] += seconds
        return
    loop = _running_loop()
    if isinstance(loop, VirtualClockLoop):
        loop.advance(seconds)
    else:
        _real_sleep(seconds)


def burn_cpu(seconds):
    job = _state["job"]
    if job is not None:
        job["cost"] += seconds
        job["cpu"] = True
        return 0
    loop = _running_loop()
    if isinstance(loop, VirtualClockLoop):
        loop.advance(seconds)
        return 0
    return _real_burn_cpu(seconds)


class _SimulatedPool:
    """An executor's workers in virtual time: `size` of them, handed out first come, first
    served (threads.cpp's ThreadPoolState)."""

    def __init__(self, loop, size):
        self._loop = loop
        self._size = size
        self._busy = 0
        self._waiting = collections.deque()

    async def acquire(self):
        if self._busy < self._size and not self._waiting:
            self._busy += 1
            return
        waiter = self._loop.create_future()
        self._waiting.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # a worker was handed over just now: pass it on
            elif waiter in self._waiting:
                self._waiting.remove(waiter)
            raise

    def release(self):
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the worker goes straight to the next in line
                return
        self._busy -= 1


def _resolve(future):
    if not future.done():
        future.set_result(None)


class _SimulatingLoop(VirtualClockLoop):
    def __init__(self):
        super().__init__()
        self._pools = {}
        self._gil = None

    def _pool(self, executor):
        if executor not in self._pools:
            # ThreadPoolExecutor() without max_workers has min(32, os.cpu_count() + 4).
            size = (executor._max_workers if executor is not None
                    else min(32, (os.cpu_count() or 1) + 4))
            self._pools[executor] = _SimulatedPool(self, size)
        return self._pools[executor]

    def run_in_executor(self, executor, func, *args):
        return self.create_task(self._simulated_call(executor, func, *args))

    async def _simulated_call(self, executor, func, *args):
        pool = self._pool(executor)
        await pool.acquire()
        held = [pool.release]
        try:
            outer, job = _state["job"], {"cost": 0.0, "cpu": False}
            _state["job"] = job
            try:
                result = func(*args)
            finally:
                _state["job"] = outer
            if job["cpu"] and not isinstance(executor, concurrent.futures.ProcessPoolExecutor):
                if self._gil is None:
                    self._gil = asyncio.Lock()
                await self._gil.acquire()
                held.append(self._gil.release)
        except BaseException:
            for release in reversed(held):
                release()
            raise
        end = self.time() + job["cost"]
        done = self.create_future()
        timer = self.call_at(end, _resolve, done)
        try:
            await done
        except asyncio.CancelledError:
            # The call runs on: it keeps what it holds until its end.
            self.call_at(end, lambda: [release() for release in reversed(held)])
            raise
        finally:
            timer.cancel()
        for release in reversed(held):
            release()
        return result


def _simulate_server_delays():
    """A blocking GET to the lessons' test server (requests.get in run_in_executor) is real work
    on a thread, and under the virtual clock the server cannot keep it waiting: its
    /delay?seconds=S goes out as /delay?seconds=0 and the S seconds count as the call's
    simulated blocking work, as time.sleep(S) would (the C++ lesson does the same with
    blocking_sleep). Nothing to do where requests is not installed."""
    try:
        import requests.sessions
    except ImportError:
        return
    send = requests.sessions.Session.request

    def request(self, method, url, *args, **kwargs):
        parts = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qs(parts.query)
        if parts.hostname == "127.0.0.1" and parts.path == "/delay" and "seconds" in query:
            blocking_sleep(float(query["seconds"][0]))
            query["seconds"] = ["0"]
            url = parts._replace(query=urllib.parse.urlencode(query, doseq=True)).geturl()
        return send(self, method, url, *args, **kwargs)

    requests.sessions.Session.request = request


def _keep_own_server():
    """Only a server on the lesson's own loop answers on its clock: under the virtual clock the
    HTTP lessons keep theirs even when ASYNCDEMO_SERVER names a running one, as the C++ lessons
    do. Nothing to do where aiohttp, which test_server needs, is not installed."""
    try:
        import test_server
    except ImportError:
        return
    test_server.start_test_server = test_server.start_own_server


async def to_thread(func, *args, **kwargs):
    loop = asyncio.get_running_loop()
    if not isinstance(loop, _SimulatingLoop):
        return await _real_to_thread(func, *args, **kwargs)
    return await loop._simulated_call(None, lambda: func(*args, **kwargs))


# ---------------------------------------------------------------------------------------------
# Deadlocks. Python's asyncio waits forever when every task waits and nothing can wake any of
# them. For a lesson whose expected outcome is "deadlock" the harness watches for that moment
# (no callback ready, no timer set, no real job on a thread, no I/O ready), reports what each
# task waits on, as asyncdemo does, and stops: with status 0, since that ending is the lesson's
# point. (Other lessons are not watched: a thread of their own may still be about to wake the
# loop through call_soon_threadsafe.)

class _DeadlockWatch:
    def __init__(self, loop, inner):
        self._loop = loop
        self._inner = inner

    def select(self, timeout=None):
        # asyncio passes no timeout only when nothing is ready and no timer is set.
        if timeout is None and not getattr(self._loop, "blocking_jobs", 0):
            events = self._inner.select(0)
            if events:
                return events
            _report_deadlock(self._loop)
        return self._inner.select(timeout)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def _waits_on(task):
    """What a waiting task waits on, as asyncdemo names it: (kind, detail)."""
    kinds = {"Lock": "lock", "Semaphore": "semaphore", "BoundedSemaphore": "semaphore",
             "Event": "event", "Condition": "condition", "Queue": "queue",
             "PriorityQueue": "queue", "LifoQueue": "queue", "Barrier": "barrier"}
    found, awaited = None, task.get_coro()
    while getattr(awaited, "cr_await", None) is not None:
        owner = awaited.cr_frame.f_locals.get("self") if awaited.cr_frame else None
        for cls in type(owner).__mro__ if owner is not None else ():
            if cls.__module__.startswith("asyncio") and cls.__name__ in kinds:
                found = (kinds[cls.__name__], getattr(owner, "name", ""))
                break
        awaited = awaited.cr_await
    if found:
        return found
    awaited = getattr(task, "_fut_waiter", None)  # the future the task is parked on
    if isinstance(awaited, asyncio.Task):
        return "task", awaited.get_name()
    if type(awaited).__name__ == "_GatheringFuture":
        return "gather", ""
    return "future", ""


def _report_deadlock(loop):
    with open(os.path.join(lines.ROOT, "cli", "i18n", "messages.json"), encoding="utf-8") as f:
        messages = json.load(f)
    lang = lines.settings["lang"]
    out = sys.stderr if lines.settings["events"] else sys.stdout
    print(messages["outcome.deadlock"][lang], file=out)
    tasks = sorted(asyncio.all_tasks(loop), key=lambda t: (t.get_name() != "main", t.get_name()))
    for task in tasks:
        on, detail = _waits_on(task)
        what = on + (" " + detail if detail else "")
        if "wait." + on in messages:
            what = messages["wait." + on][lang].format(detail=detail).strip()
        print("  " + messages["outcome.deadlock_wait"][lang].format(
            task=task.get_name(), what=what), file=out)
    out.flush()
    raise SystemExit(0 if _state["expected_outcome"] == "deadlock" else 1)


def main(argv):
    lesson, values = _setup(argv)
    lines.settings["zero_based"] = True  # the harness's loops count from their start
    asyncio.run = run
    asyncio.new_event_loop = new_event_loop
    asyncio.to_thread = to_thread
    time.sleep = blocking_sleep
    if _state["clock"] == "virtual":
        jobs.burn_cpu = burn_cpu
        _simulate_server_delays()
        _keep_own_server()
        # A line about the machine (its cores) would differ from one machine to the next: the
        # virtual clock says the line asyncdemo says instead.
        lines.settings["renamed"] = {"cores": "cores_virtual"}
    _run_lesson(_lesson_file(lesson), values)


if __name__ == "__main__":
    main(sys.argv[1:])
