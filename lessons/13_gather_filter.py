# Lesson 13 · gather-filter: gather hands back every result in argument order; the program
# then keeps only what it needs (here the even positions), and the order still holds.
import asyncio

from jobs import delays_or_seeded, job, job_name
from lines import say

DELAYS = []
SEED = 1


async def main():
    delays = delays_or_seeded(DELAYS, SEED)

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
    asyncio.run(main())
