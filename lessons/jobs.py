# The job most lessons start from (the twin of jobs.hpp).
import asyncio

import twin
from twin import say


async def job(n, delay):
    say("job_start", n=n, delay=delay)
    await asyncio.sleep(delay)
    say("job_done", n=n)
    return delay


async def risky_job(n, delay, fails):
    """The plain job that also says when it is cancelled while it waits, and raises
    ValueError instead of returning when `fails` (the twin of jobs.hpp's risky_job)."""
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
    return risky_job(n, delay, False)


def delays_or_seeded(p):
    """The lesson's delays, or five drawn from p.seed when none are given (the twin of
    jobs.hpp's delays_or_seeded)."""
    if not p.delays:
        delays = twin.seeded_delays(p.seed, 5, 1, 5)
        say("seeded_delays", seed=p.seed, delays=delays)
        return delays
    say("given_delays", delays=p.delays)
    return p.delays


def job_name(n):
    return f"job-{n}"
