"""An asyncio event loop whose clock jumps to the next timer whenever nothing is ready, as
asyncdemo's virtual clock does: a program that waits "10 seconds" ends at once, and every
time it reads from loop.time() is exact. Timers due at the same moment fire in the order
they were set (asyncio's heap alone does not promise that; asyncdemo's loop does)."""
import asyncio
import heapq
import itertools
import selectors


class OrderedTimerHandle(asyncio.TimerHandle):
    """A timer that sorts by (deadline, the order it was set)."""

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


class VirtualSelector:
    """Wraps the real selector: instead of sleeping until the next timer, move the loop's
    clock there. Real I/O is still polled, without waiting."""

    def __init__(self, loop, real):
        self._loop = loop
        self._real = real

    def select(self, timeout=None):
        events = self._real.select(0)
        if events or timeout == 0:
            return events
        if self._loop.blocking_jobs:
            return self._real.select(timeout)  # a real job on a thread: wait for it
        if self._loop._scheduled:
            self._loop.virtual_now = max(self._loop.virtual_now, self._loop._scheduled[0]._when)
            return events
        return self._real.select(timeout)

    def __getattr__(self, name):
        return getattr(self._real, name)


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(selectors.DefaultSelector())
        self.virtual_now = 0.0
        self.blocking_jobs = 0  # real calls still running on threads
        self._selector = VirtualSelector(self, self._selector)

    def time(self):
        return self.virtual_now

    def advance(self, seconds):
        """The loop was held (by blocking work) for `seconds`."""
        self.virtual_now += seconds

    def call_at(self, when, callback, *args, context=None):
        timer = OrderedTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer
