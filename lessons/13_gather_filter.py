# Lesson 13 · gather-filter: gather hands back every result in argument order; the program
# then keeps only what it needs (here the even positions), and the order still holds.
import asyncio

import twin
from jobs import delays_or_seeded, job, job_name
from twin import say


async def main(p):
    delays = delays_or_seeded(p)

    jobs = [asyncio.create_task(job(n, delay), name=job_name(n))
            for n, delay in enumerate(delays, start=1)]
    results = await asyncio.gather(*jobs)
    say("results", results=results)

    # Post-processing: only positions 0, 2, 4... are kept, in the order gather gave them.
    say("filtering")
    for position, result in enumerate(results):
        if position % 2 == 0:
            say("kept", position=position, result=result)


if __name__ == "__main__":
    twin.run(main, "gather-filter")
