# Lesson 10 · task-state: done(), result() and exception() tell where a task stands. Asked too
# early, result() raises InvalidStateError; once ended, a task holds its value or its error.
import asyncio

from lines import say

OK_DELAY = 3
FAIL_DELAY = 5
CHECK_AT = 1


async def succeed(delay):
    say("working", delay=delay)
    await asyncio.sleep(delay)
    say("returning", value=42)
    return 42


async def fail(delay):
    say("working", delay=delay)
    await asyncio.sleep(delay)
    say("raising")
    raise ValueError("invalid data")


def describe(error):
    return f"{type(error).__name__}: {error}"


# What main can learn about a task without awaiting it.
def report(task):
    name = task.get_name()
    if not task.done():
        say("pending", name=name)
        try:
            task.result()
        except asyncio.InvalidStateError as error:
            say("invalid_state", name=name, error=describe(error))
    elif task.exception() is None:
        say("has_result", name=name, value=task.result())
    else:
        say("has_error", name=name, error=describe(task.exception()))


async def main():
    ok = asyncio.create_task(succeed(OK_DELAY), name="ok")
    bad = asyncio.create_task(fail(FAIL_DELAY), name="fail")

    await asyncio.sleep(CHECK_AT)
    say("checking")
    report(ok)
    report(bad)

    say("waiting")
    # wait() returns when both have ended; it raises nothing, whatever they did.
    await asyncio.wait([ok, bad])
    say("ended")
    report(ok)
    report(bad)


if __name__ == "__main__":
    asyncio.run(main())
