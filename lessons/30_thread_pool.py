# Lesson 30 · thread-pool: worker threads come from a pool of a fixed size. Jobs beyond it
# queue until a worker is free, so n jobs of d seconds on p workers take ceil(n / p) × d.
import asyncio
import math
import time
from concurrent.futures import ThreadPoolExecutor

from jobs import job_name
from lines import say

JOBS = 8
DURATION = 1
POOL = 4


# One job: a blocking call of `duration` seconds on one of the executor's workers.
async def pooled_job(executor, n, duration):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(executor, time.sleep, duration)
    say("job_done", n=n)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    # ThreadPoolExecutor() without max_workers would have min(32, os.cpu_count() + 4).
    say("python_default")
    say("libuv_default")
    say("submitting", jobs=JOBS, duration=DURATION, pool=POOL)
    with ThreadPoolExecutor(max_workers=POOL) as executor:
        tasks = [asyncio.create_task(pooled_job(executor, n, DURATION), name=job_name(n))
                 for n in range(1, JOBS + 1)]
        await asyncio.gather(*tasks)
    rounds = math.ceil(JOBS / POOL)
    say("all_done", jobs=JOBS, seconds=loop.time() - start, rounds=rounds, duration=DURATION)


if __name__ == "__main__":
    asyncio.run(main())
