# Lesson 13 · gather-filter: gather hands back every result in argument order; the program
# then keeps only what it needs (here the even positions), and the order still holds.
import asyncio

import twin
from jobs import job, job_name
from twin import say


async def main(p):
    delays = p.delays
    if not delays:
        # No delays given: five "unpredictable" ones, drawn alike in C++ and in the twin.
        delays = twin.seeded_delays(p.seed, 5, 1, 5)
        say("seeded_delays", seed=p.seed, delays=delays)
    else:
        say("given_delays", delays=delays)

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
