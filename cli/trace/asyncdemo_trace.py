"""Runs a Python program and reports what its asyncio tasks do, for `asyncdemo trace`.

    python3 -X utf8 asyncdemo_trace.py [--clock virtual|real] [--speed X] [--events FD]
                                       program.py [ARGS...]

The program runs as __main__, unchanged, with nothing to import. Before it starts this module
installs an event loop policy whose loops create traced tasks, and a stdout that tags every
line the program prints with the time and the task. It writes one JSON object per line to the
file descriptor FD (stderr when not given); the program's own stdout and stderr stay its own.

Events ("e"): start, task (created), step (a step began), wait (the step ended and the task
now waits on "on", named as asyncdemo's runtime names its waits), end (done, failed or
cancelled), name (set_name), line (the program printed a line), error (the program raised),
deadlock, exit. Times ("t") are seconds since the program started, on the chosen clock, which
the program finds in its environment as ASYNCDEMO_CLOCK (virtual or real).

The clocks follow asyncdemo's contract (DESIGN.md, "Time"). virtual: when nothing is ready
the loop's time jumps to the next timer; time.time, time.monotonic, time.perf_counter and
time.sleep follow that time inside the program. time.sleep on the loop's thread holds the loop
for its duration; on a worker thread it is a wait of that many virtual seconds. A real job on a
worker thread costs no virtual time: time waits for it. CPU work in a coroutine counts its CPU
time, in hundredths of a second, once one step computes 0.1 s or more, so that blocking stays
visible. real: the real clock, scaled by --speed.

Tasks a library makes for its own work (a library's coroutine, asked for by the library's code:
aiohttp.web's connection handlers, asyncio's accepting of a connection) are traced for the
clock but are no rows. A wait inside a call of an I/O library (asyncio's streams and sockets,
aiohttp, aiofiles, aiosqlite) is "io", with the call's kind as its detail (connect, read, write,
http, fs, db), and lasts the whole call: the futures it goes through are no steps of the
program's.

Hooks: an event loop policy, every loop's create_task, the loop's run_in_executor and
create_future, and the pure-Python Task class (asyncio.tasks._PyTask), whose step is the one
place every resumption goes through.
All exist from Python 3.4 on; the module is tested on 3.11 and 3.12 and asks for 3.11.
"""
import sys

if sys.version_info < (3, 11):
    sys.stderr.write("asyncdemo trace needs Python 3.11 or newer; this is %d.%d\n"
                     % sys.version_info[:2])
    sys.exit(69)

import asyncio  # noqa: E402
import asyncio.base_events  # noqa: E402
import asyncio.tasks  # noqa: E402
import concurrent.futures  # noqa: E402
import heapq  # noqa: E402
import io  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import runpy  # noqa: E402
import selectors  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

_real_monotonic = time.monotonic
_real_perf_counter = time.perf_counter
_real_time = time.time
_real_sleep = time.sleep

# Under the virtual clock a step that computes this long (CPU seconds of the loop's thread)
# costs that much virtual time, in hundredths: blocking by CPU work stays visible, while the
# ordinary short steps (and the machine's load) leave the virtual times exact.
CPU_STEP_COUNTS = 0.1
# Timers due at the instant a worker thread's call woke from its virtual sleep wait for that
# call at most this many real seconds: a call that waits for one of them must not hang the run.
HOLD_TIMERS_AT_MOST = 2.0
# Longest line kept whole; longer ones are cut, so that one line cannot take all the memory.
MAX_LINE = 8192


# ---------------------------------------------------------------------------------------------
# The events file.

class Events:
    def __init__(self, fd):
        self._fd = fd
        self._parts = []
        self._size = 0
        self._last_flush = _real_monotonic()
        # Reentrant: the SIGTERM handler flushes, and may interrupt a flush of this thread.
        self._lock = threading.RLock()

    def emit(self, **event):
        data = (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
            "utf-8", "replace")
        with self._lock:
            self._parts.append(data)
            self._size += len(data)
            urgent = event["e"] in ("error", "exit", "deadlock")
            if urgent or self._size > 65536 or _real_monotonic() - self._last_flush > 0.05:
                self._flush_locked()

    def flush(self):
        with self._lock:
            self._flush_locked()

    def flush_now_and_then(self):
        """Printed lines reach asyncdemo within a tenth of a second even while the program
        computes without a pause (a thread of this module's own, never the program's)."""
        def run():
            while True:
                _real_sleep(0.1)
                self.flush()
        threading.Thread(target=run, name="asyncdemo-trace-flush", daemon=True).start()

    def _flush_locked(self):
        self._last_flush = _real_monotonic()
        if not self._parts:
            return
        data = b"".join(self._parts)
        self._parts.clear()
        self._size = 0
        view = memoryview(data)
        while view:
            try:
                written = os.write(self._fd, view)
            except InterruptedError:
                continue
            except OSError:
                return  # the reader is gone: nobody is left to tell
            view = view[written:]


# ---------------------------------------------------------------------------------------------
# Time.

class Clock:
    """The program's time: virtual, or real scaled by speed. Shared by every loop and thread."""

    def __init__(self, mode, speed):
        self.mode = mode
        self.speed = speed
        self.origin = _real_monotonic()
        self.now = 0.0  # virtual seconds
        self.cond = threading.Condition()
        self.sleepers = []  # (deadline, seq) of worker threads in a virtual time.sleep
        self.sleeping = 0
        self.seq = itertools.count()
        self.loops_running = 0
        self.woken = {}  # thread id -> order of the virtual sleep an executor's call woke from

    def t(self):
        if self.mode == "virtual":
            return self.now
        return (_real_monotonic() - self.origin) * self.speed

    def stamp(self):
        """The time an event carries. While a loop of the program's own runs (a test's
        virtual-clock loop, made without the policy) its tasks live on that loop's time, so
        their timeline is the one that loop shows. The program's clock (t, and time.* in the
        program) does not follow it: such a loop's time is its own business."""
        loop = asyncio.events._get_running_loop()
        if loop is None or isinstance(loop, TracedLoop):
            return self.t()
        origin = getattr(loop, "_trace_origin", None)
        if origin is None:
            origin = loop._trace_origin = (self.t(), loop.time())
        return origin[0] + loop.time() - origin[1]

    def advance(self, seconds):
        """The loop's thread was held `seconds`: time moves on, and worker threads whose
        sleep ends meanwhile wake."""
        with self.cond:
            self.now += max(0.0, seconds)
            self._wake_due_locked()

    def jump_to(self, when):
        with self.cond:
            if when > self.now:
                self.now = when
            self._wake_due_locked()

    def next_sleeper(self):
        return self.sleepers[0][0] if self.sleepers else None

    def _wake_due_locked(self):
        woke = False
        while self.sleepers and self.sleepers[0][0] <= self.now:
            _, seq, caller = heapq.heappop(self.sleepers)
            if caller is not None:
                self.woken[caller] = seq
            # Counted as running again from now, before the thread itself wakes, so that
            # the loop does not jump past the work it is about to do.
            self.sleeping -= 1
            woke = True
        if woke:
            self.cond.notify_all()

    def thread_sleep(self, seconds, wake_loop):
        with self.cond:
            deadline = self.now + max(0.0, seconds)
            # One order with the loop's timers: at one instant, whichever was set first goes
            # first, as in asyncdemo's loop.
            seq = next(OrderedTimerHandle._counter)
            # An executor's call that wakes: until it ends, the loop's timers due then that
            # were set after its sleep wait for it (TracedLoop.hold_due_timers).
            caller = threading.get_ident() if getattr(_IN_CALL, "active", False) else None
            heapq.heappush(self.sleepers, (deadline, seq, caller))
            self.sleeping += 1
            wake_loop()
            while self.now < deadline:
                self.cond.wait(0.2)


CLOCK = None
EVENTS = None
_IN_CALL = threading.local()  # .active: this thread runs an executor's call
# Set once a deadlock was reported: what the cancellation then raises is not the program's.
DEADLOCKED = False


def _on_loop_thread():
    loop = asyncio.events._get_running_loop()
    return isinstance(loop, TracedLoop)


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    if CLOCK.mode != "virtual":
        _real_sleep(seconds / CLOCK.speed)
        return
    if _on_loop_thread() or CLOCK.loops_running == 0:
        CLOCK.advance(seconds)  # holds the loop (or the program, outside any loop)
        return
    CLOCK.thread_sleep(seconds, TracedLoop.wake_all)


def _patch_time():
    if CLOCK.mode == "real" and CLOCK.speed == 1:
        return
    mono0, perf0, wall0 = _real_monotonic(), _real_perf_counter(), _real_time()

    def since_start():
        return CLOCK.t()

    time.monotonic = lambda: mono0 + since_start()
    time.perf_counter = lambda: perf0 + since_start()
    time.time = lambda: wall0 + since_start()
    time.monotonic_ns = lambda: int(time.monotonic() * 1e9)
    time.perf_counter_ns = lambda: int(time.perf_counter() * 1e9)
    time.time_ns = lambda: int(time.time() * 1e9)
    time.sleep = _sleep


# ---------------------------------------------------------------------------------------------
# What a task waits on.

_PRIMITIVES = (
    (asyncio.Condition, "condition"),
    (asyncio.Semaphore, "semaphore"),
    (asyncio.Lock, "lock"),
    (asyncio.Event, "event"),
    (asyncio.Queue, "queue"),
    (asyncio.Barrier, "barrier"),
    (asyncio.TaskGroup, "taskgroup"),
    (asyncio.StreamReader, "io"),
    (asyncio.StreamWriter, "io"),
)
# The C Task and the pure-Python one (which traced tasks are): not subclasses of each other.
_TASK_TYPES = (asyncio.Task, asyncio.tasks._PyTask)
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_TASKS_FILE = asyncio.tasks.__file__
_SOCKET_CALLS = {"sock_recv", "sock_recv_into", "sock_recvfrom", "sock_recvfrom_into",
                 "sock_sendall", "sock_sendto", "sock_connect", "sock_accept", "sock_sendfile",
                 "create_connection", "_connect_sock", "start_tls", "connect_accepted_socket"}


# Where library code lives: asyncio's own folder and the installed packages. The program's
# own files (and the modules next to it) are the program's.
# This module's own frames (asyncdemo runs it from its text, as "<string>").
_THIS_FILE = globals().get("__file__", "<string>")
_PACKAGE_MARKERS = (os.sep + "site-packages" + os.sep, os.sep + "dist-packages" + os.sep)
# asyncio's modules of scheduling and waiting: a wait inside them is named by _classify as
# it always was (sleep, lock, queue, gather...), never as a library's call.
_SCHEDULING = {os.path.join(_ASYNCIO_DIR, name) for name in (
    "tasks.py", "locks.py", "queues.py", "timeouts.py", "taskgroups.py", "threads.py",
    "mixins.py", "runners.py", "futures.py")}
# The I/O libraries whose calls are named by what they reach: (package, detail).
_IO_PACKAGES = {"aiohttp": "http", "aiofiles": "fs", "aiosqlite": "db"}
# asyncio's own I/O calls, by name: what they wait for.
_ASYNCIO_IO = {"open_connection": "connect", "create_connection": "connect",
               "sock_connect": "connect", "_connect_sock": "connect",
               "open_unix_connection": "connect", "create_unix_connection": "connect",
               "start_tls": "connect", "readline": "read", "read": "read",
               "readexactly": "read", "readuntil": "read", "sock_recv": "read",
               "sock_recv_into": "read", "sock_recvfrom": "read", "sock_accept": "read",
               "drain": "write", "wait_closed": "write", "sock_sendall": "write",
               "sock_sendto": "write", "sock_sendfile": "write"}


def _package_of(filename):
    """The library a file belongs to ("asyncio", "aiohttp"...), or None for the program's
    own files and the rest of the standard library."""
    if filename.startswith(_ASYNCIO_DIR + os.sep):
        return "asyncio"
    for marker in _PACKAGE_MARKERS:
        at = filename.find(marker)
        if at >= 0:
            return filename[at + len(marker):].split(os.sep, 1)[0].split(".", 1)[0]
    return None


def _library_call(frames):
    """The outermost frame of the I/O library's call a suspended task is inside (asyncio's
    streams and sockets, aiohttp, aiofiles, aiosqlite), when everything from there inwards is
    library code (the call has not called back into the program); else None. Other libraries
    (a retry helper that sleeps, say) are left to _classify's usual names."""
    call = None
    for frame in reversed(frames):  # innermost first
        filename = frame.f_code.co_filename
        if filename == _THIS_FILE or _package_of(filename) is None:
            break
        call = frame
    if call is None or call.f_code.co_filename in _SCHEDULING:
        return None
    package = _package_of(call.f_code.co_filename)
    return call if package == "asyncio" or package in _IO_PACKAGES else None


def _io_detail(call, frames):
    """(on, detail) for a wait inside a library call: what the call reaches."""
    package = _package_of(call.f_code.co_filename)
    if package in _IO_PACKAGES:
        return "io", _IO_PACKAGES[package]
    if package == "asyncio":
        for frame in frames:  # outermost named call first
            detail = _ASYNCIO_IO.get(frame.f_code.co_name)
            if detail and frame.f_code.co_filename.startswith(_ASYNCIO_DIR):
                return "io", detail
    return "io", ""


def _own_thread_busy(package):
    """True when the library `package` has a thread of its own running (aiosqlite's connection
    is one): a future awaited inside that library is then resolved from that thread, by real
    work the virtual clock must wait for, as for an executor's call."""
    if package not in _IO_PACKAGES:
        return False
    for thread in threading.enumerate():
        run = getattr(type(thread), "run", None)
        code = getattr(run, "__code__", None)
        target = getattr(thread, "_target", None)
        code = getattr(target, "__code__", None) or code
        if thread.is_alive() and code is not None and _package_of(code.co_filename) == package:
            return True
    return False


def _bookkeeping(waiter):
    """A library's own hand-over, not a wait of the program's: a yield (sleep(0)), or a wait
    for tasks the library made for its own work (create_server's address lookups)."""
    if waiter is None:
        return True
    if isinstance(waiter, _TASK_TYPES):
        return getattr(waiter, "_trace_hidden", False)
    children = getattr(waiter, "_children", None)
    if type(waiter).__name__ == "_GatheringFuture" and children:
        return all(getattr(child, "_trace_hidden", False) for child in children)
    return False


def _frames(coro):
    """The frames of a suspended coroutine chain, outermost first."""
    seen = 0
    while coro is not None and seen < 200:
        seen += 1
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            return
        yield frame
        coro = getattr(coro, "cr_await", None) if hasattr(coro, "cr_frame") else getattr(
            coro, "gi_yieldfrom", None)


def _wait_for_frame(frames):
    """The frame of asyncio.wait_for the task waits in (Python 3.11's own waits), if any."""
    for frame in frames:
        code = frame.f_code
        if code.co_filename == _TASKS_FILE and code.co_name == "wait_for":
            return frame
    return None


def _classify(task, waiter):
    """(on, detail, awaited task id, due): what `task` waits on after its step, named as
    asyncdemo's runtime names it (runtime/asyncio/observer.hpp, WaitInfo::on)."""
    frames = list(_frames(task.get_coro()))
    call = _library_call(frames)
    if call is not None:
        # Inside a library's call (aiohttp's get, aiofiles' write, open_connection...): the
        # wait is for what the call reaches, whatever future it awaits on the way.
        on, detail = _io_detail(call, frames)
        return on, detail, 0, -1
    package = TracedLoop.library_futures.get(id(waiter))
    if package is not None:
        # A future an I/O library made (aiosqlite's, awaited through its own awaitables).
        return "io", _IO_PACKAGES[package], 0, -1
    if waiter is None:
        return "ready", "", 0, -1
    if isinstance(waiter, _TASK_TYPES):
        return "task", waiter.get_name(), getattr(waiter, "_trace_id", 0), -1
    if type(waiter).__name__ == "_GatheringFuture":
        return "gather", "", 0, -1
    call = TracedLoop.executor_futures.get(id(waiter))
    if call is not None:
        with CLOCK.cond:
            if call["started"]:
                return "thread", "", 0, -1
            # Queued behind busy workers: it says so when a worker takes it (run_in_executor).
            call["announced_pool"] = True
            return "pool", "", 0, -1
    inside = _wait_for_frame(frames)
    if inside is not None:
        # Python 3.11's wait_for waits on a future of its own, then on the cancelled work:
        # the wait is for what it was given, as the runtime's wait_for names it.
        awaited = inside.f_locals.get("fut")
        if type(awaited).__name__ == "_GatheringFuture":
            return "gather", "", 0, -1
        if isinstance(awaited, _TASK_TYPES):
            return "task", awaited.get_name(), getattr(awaited, "_trace_id", 0), -1
        return "task", "", 0, -1
    for frame in frames:
        code = frame.f_code
        if code.co_filename == _TASKS_FILE and code.co_name == "_wait_for_one":
            return "task", "", 0, -1
    # The outermost primitive names the wait: Queue.join waits on an Event inside, Barrier on
    # a Condition, Condition.wait on its Lock again at the end.
    for frame in frames:
        code = frame.f_code
        owner = frame.f_locals.get("self") if "self" in code.co_varnames else None
        if owner is not None:
            for cls, on in _PRIMITIVES:
                if isinstance(owner, cls):
                    return on, getattr(owner, "name", "") or "", 0, -1
    for frame in reversed(frames):  # innermost first
        code = frame.f_code
        if code.co_filename == _TASKS_FILE:
            if code.co_name == "sleep":
                handle = frame.f_locals.get("h")
                return "sleep", "", 0, handle.when() if handle is not None else -1
            if code.co_name == "_wait":
                return "wait", "", 0, -1
        if code.co_name in _SOCKET_CALLS and code.co_filename.startswith(_ASYNCIO_DIR):
            return "io", "", 0, -1
        if "aiohttp" in code.co_filename or "streams.py" in code.co_filename:
            return "io", "", 0, -1
    return "future", "", 0, -1


# ---------------------------------------------------------------------------------------------
# Tasks.

_task_ids = itertools.count(1)


def _current_task_id():
    loop = asyncio.events._get_running_loop()
    if loop is None:
        return 0
    task = asyncio.tasks.current_task(loop)
    return getattr(task, "_trace_id", 0)


def _error_text(error):
    text = str(error)
    return type(error).__name__ + (": " + text if text else "")


class TracedTask(asyncio.tasks._PyTask):
    def __init__(self, coro, *, loop=None, name=None, hidden=False, **kwargs):
        given = name is not None
        super().__init__(coro, loop=loop, name=name, **kwargs)
        # A library's own task (aiohttp's connection handlers, asyncio's accept and address
        # lookups) runs traced, for the clock, but is no row of the program's timeline.
        self._trace_hidden = hidden
        self._trace_id = 0 if hidden else next(_task_ids)
        self._trace_pending = None  # a library's hand-over, said only if time moved meanwhile
        self._trace_outside = None  # the future a library's own thread will resolve
        if hidden:
            return
        shown = self.get_name()
        # The task asyncio.run makes is named after its coroutine (usually `main`), as the
        # lessons' first row is; other unnamed tasks keep asyncio's Task-N.
        if not given and self._trace_id == 1:
            shown = getattr(coro, "__name__", None) or shown
            self._trace_shown = shown
        EVENTS.emit(e="task", id=self._trace_id, name=shown, parent=_current_task_id(),
                    t=CLOCK.stamp())

    def set_name(self, value):
        super().set_name(value)
        if getattr(self, "_trace_id", 0):
            EVENTS.emit(e="name", id=self._trace_id, name=str(value))

    def _Task__step(self, exc=None):
        # A task inside Python 3.11's wait_for may wake only to go on waiting in it (the limit
        # passed: it now waits for the work it cancelled); a task inside a library's call
        # (aiohttp's get, open_connection) wakes as the call goes from one future to the
        # next. Such a step is no step of the program's, so it is said only once the task has
        # left wait_for or the call: the wait goes on meanwhile.
        inside = getattr(self, "_trace_inside", None)
        began = time.thread_time()
        started = CLOCK.stamp()
        self._trace_outside_done()
        if inside is None:
            self._trace_step_began(started)
        try:
            super()._Task__step(exc)
        finally:
            computed = time.thread_time() - began
            if CLOCK.mode == "virtual" and computed >= CPU_STEP_COUNTS:
                CLOCK.advance(round(computed, 2))
            self._trace_inside = None
            if not self.done():
                frames = list(_frames(self.get_coro()))
                call = _library_call(frames)
                if self._fut_waiter is not None:
                    self._trace_inside = _wait_for_frame(frames)
                if self._trace_inside is None:
                    self._trace_inside = call
                if self._fut_waiter is not None:
                    package = TracedLoop.library_futures.get(id(self._fut_waiter))
                    if package is None and call is not None:
                        package = _package_of(call.f_code.co_filename)
                    if package is not None:
                        self._trace_outside_begins(package)
            if not self._trace_hidden and (inside is None or inside is not self._trace_inside):
                if inside is not None:
                    self._trace_step_began(started)
                self._trace_step_ended()

    def _trace_step_began(self, t):
        if self._trace_hidden:
            return
        pending, self._trace_pending = self._trace_pending, None
        if pending is not None:
            if pending["t"] == t:
                return  # a hand-over that took no time: the step before goes on
            EVENTS.emit(**pending)
        EVENTS.emit(e="step", id=self._trace_id, t=t)

    def _trace_outside_begins(self, package):
        """A plain future awaited inside a library that runs a thread of its own (aiosqlite):
        real work on that thread, which the virtual clock waits for."""
        waiter = self._fut_waiter
        if (isinstance(waiter, _TASK_TYPES) or id(waiter) in TracedLoop.executor_futures
                or type(waiter).__name__ == "_GatheringFuture" or not _own_thread_busy(package)):
            return
        jobs = self._loop.jobs
        with CLOCK.cond:
            jobs.outside += 1
        self._trace_outside = waiter

    def _trace_outside_done(self):
        if self._trace_outside is not None:
            self._trace_outside = None
            with CLOCK.cond:
                self._loop.jobs.outside -= 1

    def _trace_step_ended(self):
        t = CLOCK.stamp()
        if self.done():
            if self.cancelled():
                state, error = "cancelled", ""
            elif self.exception() is not None:
                state, error = "failed", _error_text(self.exception())
            else:
                state, error = "done", ""
            EVENTS.emit(e="end", id=self._trace_id, t=t, state=state, error=error)
            return
        on, detail, on_task, due = _classify(self, self._fut_waiter)
        event = dict(e="wait", id=self._trace_id, t=t, on=on, detail=detail, on_task=on_task,
                     due=due)
        if self._trace_inside is not None and _bookkeeping(self._fut_waiter):
            self._trace_pending = event
            return
        EVENTS.emit(**event)


# ---------------------------------------------------------------------------------------------
# The loop.

class OrderedTimerHandle(asyncio.TimerHandle):
    """Timers due at one moment fire in the order they were set, as asyncdemo's loop does
    (lessons/virtual_clock.py)."""

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


class JobCount:
    """Calls handed to executors, for the virtual clock: time may jump only while none of
    them runs real work (DESIGN.md, "Virtual time with real I/O and real threads")."""

    def __init__(self):
        self.queued = {}  # executor id -> [queued, occupied, max_workers]
        self.undelivered = 0  # finished on their thread, result not yet on the loop
        self.processes = 0  # calls in a process pool, from submission to result
        self.outside = 0  # futures a library's own thread will resolve (aiosqlite's)

    def busy(self):
        occupied = sum(q[1] for q in self.queued.values())
        if occupied > CLOCK.sleeping or self.undelivered or self.processes or self.outside:
            return True
        return any(q[0] and q[1] < q[2] for q in self.queued.values())


class _Selector:
    """The loop's selector, with the clock's rules for waiting."""

    def __init__(self, loop, real):
        self._loop = loop
        self._real = real

    def select(self, timeout=None):
        EVENTS.flush()
        loop = self._loop
        if CLOCK.mode != "virtual":
            if timeout is None and self._nothing_can_wake():
                loop.report_deadlock()
            return self._real.select(0.05 if timeout is None else timeout / CLOCK.speed)
        if loop.hold_due_timers():
            return self._real.select(0)  # timers held until now are due: run them
        events = self._real.select(0)
        if events or timeout == 0:
            return events
        with CLOCK.cond:
            busy = loop.jobs.busy()
            targets = [] if busy else [when for when in (loop.next_timer(), CLOCK.next_sleeper())
                                       if when is not None]
            if targets:
                CLOCK.jump_to(min(targets))
        if targets:
            loop.hold_due_timers()
            return events
        if not busy and self._nothing_can_wake():
            loop.report_deadlock()
        # A real job on a thread, or I/O: wait for it in real time (a thread that finishes
        # or starts a virtual sleep wakes the loop).
        return self._real.select(0.05)

    def _nothing_can_wake(self):
        # Only the loop's own wake-up pipe is registered, no executor call is out, and no
        # worker thread sleeps: no timer, I/O or thread can wake any task.
        loop = self._loop
        # (asyncio's own housekeeping waits for a thread of its own: not a deadlock.)
        return (len(self._real.get_map()) <= 1 and not loop.jobs.queued_any()
                and CLOCK.sleeping == 0 and not loop.jobs.processes and not loop._ready
                and any(getattr(task, "_trace_id", 0) for task in asyncio.all_tasks(loop)))

    def __getattr__(self, name):
        return getattr(self._real, name)


def _queued_any(self):
    return (any(q[0] or q[1] for q in self.queued.values()) or self.undelivered > 0
            or self.outside > 0)


JobCount.queued_any = _queued_any


class TracedLoop(asyncio.SelectorEventLoop):
    executor_futures = {}  # id(asyncio future) -> its call's state, for calls on worker threads
    library_futures = {}  # id(future) -> the I/O library that made it (aiosqlite's...)
    _all = []

    def __init__(self):
        super().__init__(selectors.DefaultSelector())
        self._selector = _Selector(self, self._selector)
        self.jobs = JobCount()
        self._held = []  # due timers waiting for a woken thread's call (hold_due_timers)
        self._held_since = 0.0
        TracedLoop._all.append(self)

    @classmethod
    def wake_all(cls):
        for loop in cls._all:
            if not loop.is_closed():
                loop._write_to_self()

    def time(self):
        return CLOCK.t()

    def hold_due_timers(self):
        """A call on a worker thread whose virtual sleep ended at this instant goes on with
        real work, which takes no virtual time: the timers due now that were set after that
        sleep fire once it is over and its result is delivered, as they would in asyncdemo's
        loop. True when timers held until now were given back."""
        with CLOCK.cond:
            first = min(CLOCK.woken.values(), default=None)
            delivering = self.jobs.undelivered
        if self._held and _real_monotonic() - self._held_since > HOLD_TIMERS_AT_MOST:
            first, delivering = None, 0  # the call may itself wait for one of them
        if first is None:
            if not self._held or delivering:
                return False
            for timer in self._held:
                heapq.heappush(self._scheduled, timer)
            self._held = []
            return True
        due = [timer for timer in self._scheduled
               if timer._when <= CLOCK.now and timer._seq > first]
        if due:
            if not self._held:
                self._held_since = _real_monotonic()
            self._held.extend(due)
            self._scheduled[:] = [timer for timer in self._scheduled if timer not in due]
            heapq.heapify(self._scheduled)
        return False

    def next_timer(self):
        for timer in self._scheduled[:1]:
            return timer._when
        return None

    def run_forever(self):
        CLOCK.loops_running += 1
        try:
            return super().run_forever()
        finally:
            CLOCK.loops_running -= 1

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        timer = OrderedTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_future(self):
        future = super().create_future()
        package = _package_of(sys._getframe(1).f_code.co_filename)
        if package in _IO_PACKAGES:
            TracedLoop.library_futures[id(future)] = package
            future.add_done_callback(lambda f: TracedLoop.library_futures.pop(id(f), None))
        return future

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._default_executor
            if executor is None:
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
                self._default_executor = executor
        jobs = self.jobs
        if isinstance(executor, concurrent.futures.ProcessPoolExecutor):
            with CLOCK.cond:
                jobs.processes += 1
            future = super().run_in_executor(executor, func, *args)

            def process_done(_):
                with CLOCK.cond:
                    jobs.processes -= 1
            future.add_done_callback(process_done)
            return self._mark(future, {"started": True})
        key = id(executor)
        state = {"finished": False, "delivered": False, "started": False,
                 "announced_pool": False, "owner": _current_task_id()}
        with CLOCK.cond:
            entry = jobs.queued.setdefault(key, [0, 0, getattr(executor, "_max_workers", 1)])
            entry[0] += 1
            # A free worker (or room for one more) takes it at once: it is on a thread from
            # the start, whenever the worker actually gets to it.
            state["started"] = entry[0] + entry[1] <= entry[2]

        def call():
            with CLOCK.cond:
                entry[0] -= 1
                entry[1] += 1
                state["started"] = True
                if state["announced_pool"] and state["owner"]:
                    # A worker took the call: its task now waits on the thread, no longer
                    # for a free worker.
                    EVENTS.emit(e="wait", id=state["owner"], t=CLOCK.stamp(), on="thread",
                                detail="", on_task=0, due=-1)
            _IN_CALL.active = True
            try:
                return func(*args)
            finally:
                _IN_CALL.active = False
                with CLOCK.cond:
                    CLOCK.woken.pop(threading.get_ident(), None)
                    entry[1] -= 1
                    state["finished"] = True
                    if not state["delivered"]:
                        jobs.undelivered += 1
                self._write_to_self()

        future = super().run_in_executor(executor, call)

        def delivered(_):
            with CLOCK.cond:
                state["delivered"] = True
                if state["finished"]:
                    jobs.undelivered -= 1
        future.add_done_callback(delivered)
        return self._mark(future, state)

    def _mark(self, future, state):
        TracedLoop.executor_futures[id(future)] = state
        future.add_done_callback(lambda f: TracedLoop.executor_futures.pop(id(f), None))
        return future

    def report_deadlock(self):
        waits = []
        for task in asyncio.all_tasks(self):
            if getattr(task, "_trace_hidden", False):
                continue
            on, detail, on_task, _ = _classify(task, getattr(task, "_fut_waiter", None))
            waits.append({"task": getattr(task, "_trace_id", 0), "name": task.get_name(),
                          "on": on, "detail": detail, "on_task": on_task})
        EVENTS.emit(e="deadlock", t=CLOCK.stamp(), waits=waits)
        EVENTS.flush()
        global DEADLOCKED
        if DEADLOCKED:
            os._exit(0)  # still stuck after the cancellation: nothing more to show
        # As asyncdemo's runtime ends a deadlocked run: every task is cancelled and runs to
        # its end, so that the timeline shows how each one ended.
        DEADLOCKED = True
        for task in asyncio.all_tasks(self):
            task.cancel()


def _asyncio_own(coro):
    code = getattr(coro, "cr_code", None)
    return (code is not None and code.co_filename.startswith(_ASYNCIO_DIR)
            and code.co_name.startswith("shutdown_") and _current_task_id() == 0)


# asyncio's calls that make a task for their caller: the task is the caller's.
_FORWARDERS = {os.path.join(_ASYNCIO_DIR, name) for name in (
    "tasks.py", "taskgroups.py", "runners.py")}
_FORWARDING_CALLS = {"create_task", "run_until_complete", "ensure_future"}


def _library_own(coro):
    """True for a task a library makes for its own work: its coroutine is the library's and
    so is the code that asked for it (aiohttp's server starting a connection's handler,
    asyncio accepting a connection). A task the program asks for, through gather or
    create_task, is the program's, even when its coroutine is a library's (asyncio.sleep)."""
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is None or _package_of(code.co_filename) is None:
        return False
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        forwarding = (filename == _THIS_FILE or filename in _FORWARDERS
                      or (filename.startswith(_ASYNCIO_DIR)
                          and frame.f_code.co_name in _FORWARDING_CALLS))
        if not forwarding:
            return _package_of(filename) is not None
        frame = frame.f_back
    return False


_base_create_task = asyncio.base_events.BaseEventLoop.create_task


def _any_loop_create_task(self, coro, *, name=None, context=None):
    """create_task of every loop: the policy's, and one the program made itself (a test's
    own virtual-clock loop), whose tasks live on that loop's time (Clock.stamp)."""
    if self._task_factory is not None or _asyncio_own(coro):
        # The program's own factory wins; asyncio's own housekeeping once main is over
        # (shutdown_asyncgens, shutdown_default_executor) is not the program's work.
        return _base_create_task(self, coro, name=name, context=context)
    self._check_closed()
    hidden = _library_own(coro)
    if hidden and name is None:
        # Named after its coroutine, so that asyncio's Task-N count only the program's tasks
        # (as asyncdemo's runtime counts them).
        name = getattr(coro, "__qualname__", None) or "library task"
    task = TracedTask(coro, loop=self, name=name, context=context, hidden=hidden)
    if task._source_traceback:
        del task._source_traceback[-1]
    return task


class TracedPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return TracedLoop()


# ---------------------------------------------------------------------------------------------
# The program's standard output, line by line, tagged with the time and the task.

class TaggedStdout(io.TextIOBase):
    def __init__(self, real):
        self._real = real
        self._pending = ""
        self._lock = threading.RLock()

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    @property
    def buffer(self):
        return _BinaryStdout(self)

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._real.fileno()

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        with self._lock:
            self._pending += text
            while "\n" in self._pending or len(self._pending) > MAX_LINE:
                line, sep, rest = self._pending.partition("\n")
                if not sep:
                    line, rest = self._pending[:MAX_LINE], self._pending[MAX_LINE:]
                self._pending = rest
                self._emit(line[:MAX_LINE])
        return len(text)

    def _emit(self, line):
        EVENTS.emit(e="line", t=CLOCK.stamp(), task=_current_task_id(), text=line.rstrip("\r"))

    def flush(self):
        pass

    def finish(self):
        with self._lock:
            if self._pending:
                self._emit(self._pending)
                self._pending = ""


class _BinaryStdout:
    def __init__(self, text):
        self._text = text

    def write(self, data):
        self._text.write(bytes(data).decode("utf-8", "replace"))
        return len(data)

    def flush(self):
        pass


# ---------------------------------------------------------------------------------------------
# Running the program.

def _program_traceback(error, program):
    """The traceback of the program's own frames: asyncio's machinery, runpy and this module
    are not the student's business (Python's own traceback shows them all)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if not _hidden_file(frame.filename)]
    text = "".join(traceback.format_exception_only(type(error), error))
    if not frames:
        return text
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)) + text


def _hidden_file(filename):
    return (filename.startswith(_ASYNCIO_DIR) or filename.startswith("<frozen")
            or filename == runpy.__file__
            or filename in ("<string>", __file__ if "__file__" in globals() else "<string>"))


def _parse(argv):
    options = {"clock": "real", "speed": 1.0, "events": 2}
    while argv and argv[0].startswith("--"):
        flag = argv.pop(0)
        if flag == "--":
            break
        if flag in ("--clock", "--speed", "--events") and argv:
            value = argv.pop(0)
            options[flag[2:]] = (value if flag == "--clock" else
                                 float(value) if flag == "--speed" else int(value))
        else:
            raise SystemExit("usage: asyncdemo_trace.py [--clock virtual|real] [--speed X] "
                             "[--events FD] program.py [ARGS...]")
    if not argv or options["clock"] not in ("real", "virtual") or options["speed"] <= 0:
        raise SystemExit("usage: asyncdemo_trace.py [--clock virtual|real] [--speed X] "
                         "[--events FD] program.py [ARGS...]")
    return options, argv


def main(argv):
    global CLOCK, EVENTS
    options, rest = _parse(list(argv))
    fd = options["events"]
    os.set_inheritable(fd, False)  # the program's own children do not get it
    EVENTS = Events(fd)
    EVENTS.flush_now_and_then()
    CLOCK = Clock(options["clock"], options["speed"])
    program = os.path.abspath(rest[0])

    def stop(signum, frame):
        # asyncdemo ends the run (a timeout, Ctrl-C): what was seen so far must reach it.
        EVENTS.flush()
        os._exit(128 + signum)
    signal.signal(signal.SIGTERM, stop)

    EVENTS.emit(e="start", t=0.0, clock=CLOCK.mode, python=sys.version.split()[0],
                program=program)
    _patch_time()
    # The program may ask which clock it runs on (a lesson's twin does, to stand a thread's
    # time.sleep in for a server's latency under the virtual clock, as its lesson does).
    os.environ["ASYNCDEMO_CLOCK"] = CLOCK.mode
    asyncio.set_event_loop_policy(TracedPolicy())
    asyncio.base_events.BaseEventLoop.create_task = _any_loop_create_task
    stdout = TaggedStdout(sys.stdout)
    sys.stdout = stdout
    sys.argv = [rest[0]] + rest[1:]
    sys.path[0] = os.path.dirname(program)
    code = 0
    try:
        runpy.run_path(program, run_name="__main__")
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if e.code is not None and not isinstance(e.code, int):
            sys.stderr.write(str(e.code) + "\n")
    except KeyboardInterrupt:
        # asyncdemo passed on a Ctrl-C: asyncio.run has cancelled the program's tasks, which
        # cleaned up; asyncdemo says it was interrupted, so no traceback.
        code = 130
    except SyntaxError as e:
        stdout.finish()
        text = "".join(traceback.format_exception_only(type(e), e))
        EVENTS.emit(e="error", t=CLOCK.stamp(), kind="syntax", error=_error_text(e), traceback=text)
        code = 1
    except BaseException as e:  # noqa: B902 - whatever the program raised is reported
        stdout.finish()
        if DEADLOCKED:
            EVENTS.emit(e="exit", t=CLOCK.stamp(), code=0)
            EVENTS.flush()
            os._exit(0)
        EVENTS.emit(e="error", t=CLOCK.stamp(), kind="raised", error=_error_text(e),
                    traceback=_program_traceback(e, program))
        code = 1
    stdout.finish()
    try:
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed stderr is the program's business
        pass
    EVENTS.emit(e="exit", t=CLOCK.stamp(), code=code)
    EVENTS.flush()
    # Threads the program left behind must not keep the run going.
    os._exit(0 if code == 0 else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
