# Lesson 30 · thread-pool: worker threads come from a pool of a fixed size. Jobs beyond it
# queue until a worker is free, so n jobs of d seconds on p workers take ceil(n / p) × d.
#
# twin.run_in_executor is loop.run_in_executor; under --clock virtual it keeps the executor's
# workers busy in virtual time, so the queueing shows on the clock.
import asyncio
import math
from concurrent.futures import ThreadPoolExecutor

import twin
from jobs import job_name
from twin import say


# One job: a blocking call of `duration` seconds on one of the executor's workers.
async def pooled_job(executor, n, duration):
    await twin.run_in_executor(executor, twin.blocking_sleep, duration)  # time.sleep
    say("job_done", n=n)


async def main(p):
    loop = asyncio.get_running_loop()
    # ThreadPoolExecutor() without max_workers would have min(32, os.cpu_count() + 4).
    say("python_default")
    say("libuv_default")
    say("submitting", jobs=p.jobs, duration=p.duration, pool=p.pool)
    with ThreadPoolExecutor(max_workers=p.pool) as executor:
        tasks = [asyncio.create_task(pooled_job(executor, n, p.duration), name=job_name(n))
                 for n in range(1, p.jobs + 1)]
        await asyncio.gather(*tasks)
    rounds = math.ceil(p.jobs / p.pool)
    say("all_done", jobs=p.jobs, seconds=loop.time(), rounds=rounds, duration=p.duration)


if __name__ == "__main__":
    twin.run(main, "thread-pool")
