# The job most lessons start from, and what several lessons share (the twin of jobs.hpp and
# random.hpp). `asyncdemo show --python` copies what a lesson uses from here into its program.
import asyncio
import time

from lines import say


async def job(n, delay):
    say("job_start", n=n, delay=delay)
    await asyncio.sleep(delay)
    say("job_done", n=n)
    return delay


def job_name(n):
    return f"job-{n}"


async def risky_job(n, delay, fails):
    """The plain job that also says when it is cancelled while it waits, and raises
    ValueError instead of returning when `fails`."""
    say("job_start", n=n, delay=delay)
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        say("job_cancelled", n=n)
        raise
    if fails:
        say("job_raises", n=n)
        raise ValueError(job_name(n))
    say("job_done", n=n)
    return delay


def cancellable_job(n, delay):
    """The plain job, saying so when it is cancelled while it waits."""
    return risky_job(n, delay, False)


def seeded_delays(seed, count, low, high):
    """`count` delays in [low, high] seconds, in tenths, drawn from `seed` (splitmix64, as
    asyncdemo's C++ lessons draw them, so both wait the same)."""
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


def delays_or_seeded(delays, seed):
    """The given delays, or five drawn from `seed` when none are given."""
    if not delays:
        delays = seeded_delays(seed, 5, 1, 5)
        say("seeded_delays", seed=seed, delays=delays)
        return delays
    say("given_delays", delays=delays)
    return delays


def burn_cpu(seconds):
    """Pure-Python computing for `seconds` of this thread's CPU time: it counts. (CPU time,
    not the wall clock: a thread that waits for the GIL does not count meanwhile.)"""
    end = time.thread_time() + seconds
    count = 0
    while time.thread_time() < end:
        count += 1
    return count
