"""What every Python twin of a lesson shares: its params, say(), and a virtual clock.

A twin is the lesson written with Python's own asyncio. Run one on its own:

    python3 lessons/11_gather.py                      # real time, English
    python3 lessons/11_gather.py --set delays=2,1 --lang uk --clock virtual

With --clock virtual the loop's time jumps to the next timer whenever nothing is ready, as
asyncdemo's virtual clock does, so a run of "10 seconds" ends at once with exact times.
With --events it prints one JSON object per line said ({"t", "task", "key", "args"}), which
is what the twin test compares with the C++ lesson.

A twin ends with twin.run(main, "slug"), which runs main(p) as the task "main". A lesson about
the loop itself ends with twin.drive(body, "slug") instead: body(p) makes its own loop with
twin.new_event_loop() and drives it by hand.

Blocking work, threads and processes (blocking_sleep, burn_cpu, to_thread, run_in_executor)
count on the virtual clock as they do in asyncdemo's runtime, and a lesson whose expected
outcome is a deadlock is watched for it instead of hanging: see the sections at the end.
"""
import asyncio
import collections
import concurrent.futures
import heapq
import itertools
import json
import os
import selectors
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_state = {"lines": {}, "lang": "en", "events": False, "loop": None, "clock": "real"}


class _OrderedTimerHandle(asyncio.TimerHandle):
    """Timers with equal deadlines fire in the order they were set (asyncio's heap alone
    does not promise that; asyncdemo's loop does)."""

    _counter = itertools.count()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seq = next(self._counter)

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()


class _VirtualSelector:
    """Wraps the real selector: instead of sleeping until the next timer, move the
    loop's clock there. Real I/O is still polled, without waiting."""

    def __init__(self, loop, real):
        self._loop = loop
        self._real = real

    def select(self, timeout=None):
        events = self._real.select(0)
        if events or timeout == 0:
            return events
        if self._loop._blocking_jobs:
            return self._real.select(timeout)  # a real job on a thread: wait for it
        if self._loop._scheduled:
            self._loop._virtual_now = max(self._loop._virtual_now,
                                          self._loop._scheduled[0]._when)
            return events
        return self._real.select(timeout)

    def __getattr__(self, name):
        return getattr(self._real, name)


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(selectors.DefaultSelector())
        self._virtual_now = 0.0
        self._blocking_jobs = 0
        self._selector = _VirtualSelector(self, self._selector)

    def time(self):
        return self._virtual_now

    def advance(self, seconds):
        """Simulated blocking: the loop was held for `seconds`."""
        self._virtual_now += seconds

    def call_at(self, when, callback, *args, context=None):
        timer = _OrderedTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class RealClockLoop(asyncio.SelectorEventLoop):
    """The ordinary loop, with the same tie order for timers as the virtual one."""

    def __init__(self):
        super().__init__(selectors.DefaultSelector())
        self._origin = super().time()

    def time(self):
        return super().time() - self._origin

    def advance(self, seconds):
        time.sleep(seconds)

    def call_at(self, when, callback, *args, context=None):
        timer = _OrderedTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


def _catalogue_entry(slug):
    with open(os.path.join(ROOT, "lessons.json"), encoding="utf-8") as f:
        catalogue = json.load(f)
    for lesson in catalogue["lessons"]:
        if lesson["slug"] == slug:
            return catalogue, lesson
    raise SystemExit(f"lessons.json has no lesson {slug!r}")


def _parse_value(spec, text):
    kind = spec["type"]
    if kind == "list":
        return [_number(x) for x in text.split(",")]
    if kind == "integer":
        return int(text)
    if kind == "number":
        return _number(text)
    return text


def _number(text):
    value = float(text.replace(",", ".")) if "," in text and "." not in text else float(text)
    return int(value) if value.is_integer() else value


class Params:
    def __init__(self, values):
        self.__dict__.update(values)


def _python_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(_python_text(v) for v in value) + "]"
    return str(value)


def _localized_number(value):
    text = _python_text(round(value, 3) if isinstance(value, float) else value)
    return text.replace(".", ",") if _state["lang"] != "en" else text


def _fill(template, args):
    # Plural blocks {n|one|other} pick a form; other fields are filled as str.format would.
    out, i = "", 0
    while i < len(template):
        if template[i] == "{" and "|" in template[i:template.find("}", i)]:
            end = template.find("}", i)
            name, *forms = template[i + 1:end].split("|")
            # An optional first form "=0:..." is the wording for zero; "#" is the number.
            if forms[0].startswith("=0:") and args[name] == 0:
                form = forms[0][3:]
            else:
                form = _plural([f for f in forms if not f.startswith("=0:")], args[name])
            out += form.replace("#", "{" + name + "}")
            i = end + 1
            continue
        out += template[i]
        i += 1
    shown = {k: (_localized_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                 else _python_text(v)) for k, v in args.items()}
    return out.format(**shown)


def _plural(forms, n):
    lang = _state["lang"]
    whole = float(n).is_integer()
    i = int(abs(n))
    if lang == "en":
        index = 0 if whole and i == 1 else 1
    elif lang == "pt-BR":
        index = 0 if i <= 1 else 1
    else:
        if not whole:
            index = 3 if len(forms) > 3 else 1
        elif i % 10 == 1 and i % 100 != 11:
            index = 0
        elif 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
            index = 1
        else:
            index = 2
    return forms[min(index, len(forms) - 1)]


def say(key, **args):
    """Print the lesson's line `key` as the running task, with the loop's time."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    name = task.get_name() if task else ""
    t = loop.time()
    if _state["events"]:
        print(json.dumps({"t": round(t, 6), "task": name, "key": key,
                          "args": {k: v for k, v in args.items()}}), flush=True)
        return
    text = _fill(_state["lines"][key][_state["lang"]], args)
    stamp = f"{t:8.3f}"
    if _state["lang"] != "en":
        stamp = stamp.replace(".", ",")
    unit = "с" if _state["lang"] == "uk" else "s"
    print(f"{stamp} {unit}  {name:<8} │ {text}", flush=True)


def blocking_sleep(seconds):
    """A blocking call (time.sleep) that also holds the virtual clock for its duration: on the
    loop's thread the loop is held (under the virtual clock its time jumps); in a simulated
    executor call (run_in_executor, to_thread, below) it adds to the call's cost; on any other
    thread it just sleeps."""
    job = _state.get("job")
    if job is not None:
        job["cost"] += seconds
        return
    loop = _running_loop()
    if loop is None:
        time.sleep(seconds)
    else:
        loop.advance(seconds)


def _setup(slug):
    """Parse the command line of lesson `slug`: its lines, language, clock and params."""
    catalogue, lesson = _catalogue_entry(slug)
    _state["lines"] = dict(catalogue.get("lines", {}), **lesson["lines"])
    _state["expected_outcome"] = lesson.get("expected_outcome", "ok")
    specs = {p["name"]: p for p in lesson.get("params", [])}
    values = {name: spec["default"] for name, spec in specs.items()}
    args = sys.argv[1:]
    while args:
        flag = args.pop(0)
        if flag == "--set":
            name, _, text = args.pop(0).partition("=")
            if name not in specs:
                raise SystemExit(f"{slug} has no param {name!r}; valid: {sorted(specs)}")
            values[name] = _parse_value(specs[name], text)
        elif flag == "--lang":
            _state["lang"] = args.pop(0)
        elif flag == "--clock":
            _state["clock"] = args.pop(0)
        elif flag == "--events":
            _state["events"] = True
        else:
            raise SystemExit(f"usage: {sys.argv[0]} [--set NAME=VALUE]... [--lang L] "
                             "[--clock real|virtual] [--events]")
    return Params(values)


def new_event_loop():
    """A new loop with the clock chosen by --clock (real unless told), neither running nor
    closed: asyncio.new_event_loop() for a twin that drives its loop by hand."""
    loop = VirtualClockLoop() if _state["clock"] == "virtual" else RealClockLoop()
    if _state.get("expected_outcome") == "deadlock":
        _watch_for_deadlock(loop)
    return loop


def _cancel_all_tasks(loop):
    """What asyncio.run() does once main has ended (asyncio.runners._cancel_all_tasks), and
    asyncdemo's asyncio::run too: cancel the tasks still running and run the loop until they
    have ended, so that a task main left behind ends alike in the twin and in C++. (As in
    CPython, several such tasks are cancelled in the order of all_tasks(), a set.)"""
    tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
    if not tasks:
        return
    for task in tasks:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))


def run(main, slug):
    """Parse the command line, then run main(params) as the task "main", as asyncio.run()
    would: when main ends, the tasks still running are cancelled before the loop closes."""
    params = _setup(slug)
    loop = new_event_loop()
    _state["loop"] = loop

    async def as_main():
        asyncio.current_task().set_name("main")
        await main(params)

    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(as_main())
    finally:
        try:
            _cancel_all_tasks(loop)
        finally:
            loop.close()


def drive(body, slug):
    """For a lesson about the loop itself, the twin of a C++ lesson declared
    `void slug(lesson::Context&, const asyncio::LoopOptions&)`: parse the command line, then
    call body(params), which makes its own loop (new_event_loop(), so --clock applies),
    drives it with run_until_complete / run_forever, names its tasks and closes the loop.
    say() works wherever that loop is running: in its tasks and in its callbacks."""
    body(_setup(slug))


def seeded_delays(seed, count, low, high):
    """`count` delays in [low, high] seconds in tenths, drawn exactly as random.hpp does
    (splitmix64), so the C++ lesson and its twin wait the same."""
    mask = (1 << 64) - 1
    state = seed & mask
    tenths = int((high - low) * 10 + 0.5) + 1
    delays = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        value = low + (z % tenths) / 10.0
        delays.append(int(value) if value.is_integer() else value)
    return delays


# ---------------------------------------------------------------------------------------------
# Work off the loop: threads and processes, as asyncdemo's runtime models them (threads.hpp,
# blocking.hpp).
#
# Under the real clock these are Python's own calls: run_in_executor is loop.run_in_executor,
# to_thread is asyncio.to_thread, blocking_sleep is time.sleep and burn_cpu really computes.
# Under the virtual clock a call handed to an executor is simulated: it runs at once, on the
# loop's thread, where blocking_sleep and burn_cpu add to its cost instead of taking time; the
# call then holds one of the executor's workers for that many virtual seconds, after waiting,
# first come, first served, while every worker is busy. Pure-Python computing (burn_cpu) on a
# thread also holds the GIL, so such calls on threads run one at a time, as in CPython (each
# process has a GIL of its own). A call already running holds its worker to the end, even if
# its awaiter is cancelled. Not simulated: a call that waits for the loop itself
# (run_coroutine_threadsafe(...).result()) would wait forever.

def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


_count_rate = []  # how far one core counts in a second, measured once


def _count(steps):
    total = 0
    for i in range(steps):
        total += i
    return total


def burn_cpu(seconds):
    """Pure-Python computing that takes `seconds` of one core: a counting loop, sized by
    timing it once. Under the virtual clock it costs exactly `seconds`: on the loop's thread
    the loop is held that long, and in a simulated executor call it adds to the call's cost."""
    job = _state.get("job")
    if job is not None:
        job["cost"] += seconds
        job["cpu"] = True
        return 0
    if isinstance(_running_loop(), VirtualClockLoop):
        _running_loop().advance(seconds)
        return 0
    if not _count_rate:  # measured on this thread's CPU time, which a busy machine won't stretch
        steps, start = 0, time.thread_time()
        while time.thread_time() - start < 0.05:
            _count(10_000)
            steps += 10_000
        _count_rate.append(steps / (time.thread_time() - start))
    return _count(int(seconds * _count_rate[0]))


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


def _simulated_pool(loop, executor):
    pools = loop.__dict__.setdefault("_twin_pools", {})
    if executor not in pools:
        # ThreadPoolExecutor() without max_workers has min(32, os.cpu_count() + 4).
        size = (executor._max_workers if executor is not None
                else min(32, (os.cpu_count() or 1) + 4))
        pools[executor] = _SimulatedPool(loop, size)
    return pools[executor]


def _resolve(future):
    if not future.done():
        future.set_result(None)


async def run_in_executor(executor, func, *args):
    """await loop.run_in_executor(executor, func, *args) (executor None: the loop's default
    one), which the virtual clock simulates as explained above."""
    loop = asyncio.get_running_loop()
    if not isinstance(loop, VirtualClockLoop):
        return await loop.run_in_executor(executor, func, *args)
    pool = _simulated_pool(loop, executor)
    await pool.acquire()
    held = [pool.release]
    try:
        outer, job = _state.get("job"), {"cost": 0.0, "cpu": False}
        _state["job"] = job
        try:
            result = func(*args)
        finally:
            _state["job"] = outer
        if job["cpu"] and not isinstance(executor, concurrent.futures.ProcessPoolExecutor):
            if "_twin_gil" not in loop.__dict__:
                loop._twin_gil = asyncio.Lock()
            gil = loop._twin_gil
            await gil.acquire()
            held.append(gil.release)
    except BaseException:
        for release in reversed(held):
            release()
        raise
    end = loop.time() + job["cost"]
    done = loop.create_future()
    timer = loop.call_at(end, _resolve, done)
    try:
        await done
    except asyncio.CancelledError:
        # The call runs on: it keeps what it holds until its end.
        loop.call_at(end, lambda: [release() for release in reversed(held)])
        raise
    finally:
        timer.cancel()
    for release in reversed(held):
        release()
    return result


async def to_thread(func, *args):
    """await asyncio.to_thread(func, *args), which the virtual clock simulates as explained
    above, on the default executor."""
    if not isinstance(asyncio.get_running_loop(), VirtualClockLoop):
        return await asyncio.to_thread(func, *args)
    return await run_in_executor(None, func, *args)


# ---------------------------------------------------------------------------------------------
# Deadlocks. Python's asyncio waits forever when every task waits and nothing can wake any of
# them. For a lesson whose expected outcome is "deadlock" the twin watches for that moment (no
# callback ready, no timer set, no real job on a thread counted in _blocking_jobs, no I/O
# ready), reports what each task waits on, as asyncdemo does, and stops: with status 0, since
# that ending is the lesson's point. (Other lessons are not watched: a thread of their own may
# still be about to wake the loop through call_soon_threadsafe.)

class _DeadlockWatch:
    def __init__(self, loop, inner):
        self._loop = loop
        self._inner = inner

    def select(self, timeout=None):
        # asyncio passes no timeout only when nothing is ready and no timer is set.
        if timeout is None and not getattr(self._loop, "_blocking_jobs", 0):
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
    with open(os.path.join(ROOT, "cli", "i18n", "messages.json"), encoding="utf-8") as f:
        messages = json.load(f)
    lang = _state["lang"]
    out = sys.stderr if _state["events"] else sys.stdout
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
    raise SystemExit(0 if _state.get("expected_outcome") == "deadlock" else 1)


def _watch_for_deadlock(loop):
    loop._selector = _DeadlockWatch(loop, loop._selector)
