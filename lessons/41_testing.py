# Lesson 41 · testing: a unit test of async code runs on a loop with the virtual clock. The
# code under test sleeps `delay` seconds; the test still sees exactly `delay` seconds pass on
# the loop's clock, yet it finishes at once on the wall clock.
#
# With pytest-asyncio the tests below would be `@pytest.mark.asyncio async def test_...()`
# functions with plain asserts; the session here plays the part of pytest, so that the twin
# runs on its own. pytest-asyncio's own loop keeps real time (those tests would really
# sleep): the virtual clock comes from a loop fixture of your own or a plugin such as
# looptime (`pytest --looptime`).
import asyncio
import math
import time

import twin
from twin import say


# Times compared to the nanosecond, as pytest.approx would: 1.5 × delay − delay need not
# be delay / 2 to the last bit.
def same_time(a, b):
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


# The code under test: a report that a slow service hands over after `delay` seconds.
async def fetch_report(delay):
    await asyncio.sleep(delay)
    return "ready"


# Test 1: the report comes, after the whole delay.
async def test_fetch_report(delay):
    loop = asyncio.get_running_loop()
    start = loop.time()
    report = await fetch_report(delay)
    waited = loop.time() - start
    assert report == "ready", "report == 'ready'"
    say("got_report", report=report)
    assert same_time(waited, delay), "waited == delay"
    say("waited", waited=waited, delay=delay)


# Test 2: with a limit of half the delay, TimeoutError comes exactly when the limit runs out.
async def test_fetch_report_timeout(delay):
    loop = asyncio.get_running_loop()
    limit = delay / 2
    start = loop.time()
    timed_out = False
    try:
        async with asyncio.timeout(limit):
            await fetch_report(delay)
    except TimeoutError:
        timed_out = True
    waited = loop.time() - start
    assert timed_out, "TimeoutError raised"
    assert same_time(waited, limit), "waited == limit"
    say("timed_out", waited=waited, limit=limit)


# Runs one test as a task of its own, the way pytest-asyncio runs a test function, and says
# whether it passed.
async def run_test(test, task_name, body):
    say("test_start", test=test)
    task = asyncio.create_task(body, name=task_name)
    try:
        await task
        say("test_passed", test=test)
        return True
    except Exception as error:
        say("test_failed", test=test, error=f"{type(error).__name__}: {error}")
        return False


# The test session: both tests in turn, then the count, the loop's time and the wall's.
async def session(delay):
    loop = asyncio.get_running_loop()
    wall_start = time.perf_counter()
    say("session", count=2)
    passed = failed = 0
    if await run_test("test_fetch_report", "test-1", test_fetch_report(delay)):
        passed += 1
    else:
        failed += 1
    if await run_test("test_fetch_report_timeout", "test-2", test_fetch_report_timeout(delay)):
        passed += 1
    else:
        failed += 1

    seconds = loop.time()
    say("summary", passed=passed, failed=failed, seconds=seconds)
    # The wall-clock time depends on the machine: only compared with a generous bound, half
    # of the loop's time, never printed.
    wall = time.perf_counter() - wall_start
    bound = seconds / 2
    if wall < bound:
        say("wall_fast", bound=bound)
    else:
        say("wall_slow", bound=bound)


def testing(p):
    # The test's own loop, as a test fixture makes one: always on the virtual clock, whatever
    # clock this run was given.
    loop = twin.VirtualClockLoop()
    loop.run_until_complete(loop.create_task(session(p.delay), name="main"))
    loop.close()


if __name__ == "__main__":
    twin.drive(testing, "testing")
