"""The corrections the lessons make to the tutorials, checked against the Python that runs
this script (3.11 or later; older ones are skipped, exit 77). Each check runs the behaviour
the correction describes and, where the correction quotes Python's own words, checks that the
quote is what this Python says.

    python3 tests/lessons/check_corrections.py lessons.json
"""
import ast
import asyncio
import json
import os
import subprocess
import sys
import textwrap

if sys.version_info < (3, 11):
    print(f"skipped: the corrections speak of Python 3.11 and later, this is {sys.version}")
    sys.exit(77)

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def correction(lessons, number):
    lesson = next(l for l in lessons["lessons"] if l["number"] == number)
    return lesson["correction"]["en"]


def run_isolated(code):
    """Runs `code` in a fresh interpreter, warnings on, and returns what it printed."""
    done = subprocess.run([sys.executable, "-W", "always", "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def native_coroutines(text):
    # async def and await parse as Python 3.5 and not as 3.4.
    ast.parse("async def f():\n    await g()\n", feature_version=(3, 5))
    try:
        ast.parse("async def f():\n    await g()\n", feature_version=(3, 4))
        too_early = False
    except SyntaxError:
        too_early = True
    check(too_early, "lesson 1: async def/await are Python 3.5 syntax, not 3.4")
    check(not hasattr(asyncio, "coroutine"), "lesson 1: @asyncio.coroutine is gone (3.11)")
    check("3.5" in text and "PEP 492" in text, "lesson 1: the correction says 3.5, PEP 492")


def as_completed_iterator(text):
    async def main():
        tasks = [asyncio.create_task(asyncio.sleep(0, n)) for n in (1, 2)]
        iterator = asyncio.as_completed(tasks)
        try:
            async for _ in iterator:
                pass
            error = None
        except TypeError as e:
            error = str(e)
        await asyncio.gather(*tasks)
        return error

    error = asyncio.run(main())
    if sys.version_info < (3, 13):
        check(error is not None, "lesson 18: async for over as_completed raises TypeError")
        check(error is not None and error in text,
              "lesson 18: the correction quotes that TypeError: " + str(error))
    else:
        check(error is None, "lesson 18: 3.13 and later iterate as_completed with async for")
    check("3.13" in text, "lesson 18: the correction names 3.13")


def wait_coroutines(text):
    async def job():
        await asyncio.sleep(0)

    async def main():
        coroutines = [job(), job()]
        try:
            await asyncio.wait(coroutines)
            error = None
        except TypeError as e:
            error = str(e)
        for c in coroutines:
            c.close()
        done, pending = await asyncio.wait([asyncio.create_task(job()) for _ in range(2)])
        return error, len(done), len(pending)

    error, done, pending = asyncio.run(main())
    check(error is not None, "lesson 19: asyncio.wait rejects bare coroutines with TypeError")
    check(error is not None and error in text,
          "lesson 19: the correction quotes that TypeError: " + str(error))
    check((done, pending) == (2, 0), "lesson 19: asyncio.wait still works with tasks")


def retry_returns_early(text, twin_path):
    """The tutorial's retry loop returns in its failure branch; the lesson's goes round."""
    async def main():
        tries = {"early": 0, "right": 0}

        async def flaky(kind):  # fails twice, then answers
            tries[kind] += 1
            return "data" if tries[kind] > 2 else None

        async def early(max_tries):
            for _ in range(max_tries):
                data = await flaky("early")
                if data is not None:
                    return data
                return None  # the mistake: gives up after the first failure
            return None

        async def right(max_tries):
            for attempt in range(max_tries):
                data = await flaky("right")
                if data is not None:
                    return data
                if attempt < max_tries - 1:
                    await asyncio.sleep(0)
            return None

        return await early(3), await right(3), tries

    early, right, tries = asyncio.run(main())
    check(early is None and tries["early"] == 1,
          "lesson 35: a return in the failure branch makes one try and gives up")
    check(right == "data" and tries["right"] == 3,
          "lesson 35: the loop that goes round succeeds on try 3 of 3")
    check("first failed request" in text and "None" in text,
          "lesson 35: the correction names the early return and its None")
    # The lesson's own loop: its only return inside the loop is the one on success.
    tree = ast.parse(open(twin_path, encoding="utf-8").read())
    loop = next(node for node in ast.walk(tree) if isinstance(node, ast.For))
    returns = [node for node in ast.walk(loop) if isinstance(node, ast.Return)]
    check(len(returns) == 1 and getattr(returns[0].value, "value", None) is True,
          "lesson 35: the twin's retry loop returns only on success")


def module_level_get_event_loop(text):
    out = run_isolated("""
        import asyncio
        loop = asyncio.get_event_loop()
        loop.call_soon(print, "SCHEDULED-RAN")
        async def main():
            await asyncio.sleep(0.01)
            return asyncio.get_running_loop() is loop
        print("SAME-LOOP" if asyncio.run(main()) else "OTHER-LOOP")
        try:
            asyncio.get_event_loop()
            print("NO-ERROR")
        except RuntimeError:
            print("RUNTIME-ERROR")
    """)
    check("OTHER-LOOP" in out, "lesson 40: asyncio.run() does not use the module-level loop")
    check("SCHEDULED-RAN" not in out, "lesson 40: what is scheduled on that loop never runs")
    check("RUNTIME-ERROR" in out, "lesson 40: get_event_loop() after run() raises RuntimeError")
    check("ResourceWarning" in out, "lesson 40: nobody closes that loop (ResourceWarning)")
    warned = "DeprecationWarning: There is no current event loop" in out
    if sys.version_info >= (3, 12):
        check(warned, "lesson 40: 3.12 warns (DeprecationWarning: There is no current event loop)")
    check("DeprecationWarning: There is no current event loop" in text,
          "lesson 40: the correction quotes that warning")


def main():
    lessons = json.load(open(sys.argv[1], encoding="utf-8"))
    print(f"Python {sys.version.split()[0]}")
    native_coroutines(correction(lessons, 1))
    as_completed_iterator(correction(lessons, 18))
    wait_coroutines(correction(lessons, 19))
    retry_returns_early(correction(lessons, 35),
                        os.path.join(os.path.dirname(sys.argv[1]), "lessons", "35_http_retry.py"))
    module_level_get_event_loop(correction(lessons, 40))
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
