"""What every Python twin of a lesson shares: its params, say(), and a virtual clock.

A twin is the lesson written with Python's own asyncio. Run one on its own:

    python3 lessons/11_gather.py                      # real time, English
    python3 lessons/11_gather.py --set delays=2,1 --lang uk --clock virtual

With --clock virtual the loop's time jumps to the next timer whenever nothing is ready, as
asyncdemo's virtual clock does, so a run of "10 seconds" ends at once with exact times.
With --events it prints one JSON object per line said ({"t", "task", "key", "args"}), which
is what the twin test compares with the C++ lesson.
"""
import asyncio
import heapq
import itertools
import json
import os
import selectors
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_state = {"lines": {}, "lang": "en", "events": False, "loop": None}


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
            out += _plural(forms, args[name])
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
    """A blocking call (time.sleep) that also holds the virtual clock for its duration."""
    loop = asyncio.get_running_loop()
    loop.advance(seconds)


def run(main, slug):
    """Parse the command line, then run main(params) as the task "main"."""
    catalogue, lesson = _catalogue_entry(slug)
    _state["lines"] = dict(catalogue.get("lines", {}), **lesson["lines"])
    specs = {p["name"]: p for p in lesson.get("params", [])}
    values = {name: spec["default"] for name, spec in specs.items()}
    clock = "real"
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
            clock = args.pop(0)
        elif flag == "--events":
            _state["events"] = True
        else:
            raise SystemExit(f"usage: {sys.argv[0]} [--set NAME=VALUE]... [--lang L] "
                             "[--clock real|virtual] [--events]")
    loop = VirtualClockLoop() if clock == "virtual" else RealClockLoop()
    _state["loop"] = loop

    async def as_main():
        asyncio.current_task().set_name("main")
        await main(Params(values))

    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(as_main())
    finally:
        loop.close()


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
