# Lesson 4 · sequential: awaiting coroutines one after another runs them one after another.
import twin
from jobs import job
from twin import say


async def main(p):
    for i, delay in enumerate(p.delays, start=1):
        await job(i, delay)
    say("all_done", count=len(p.delays))


if __name__ == "__main__":
    twin.run(main, "sequential")
