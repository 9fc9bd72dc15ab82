# Lesson 31 · cpu-bound: work that computes, rather than waits, needs a CPU core for all of
# its time. On the loop's thread such jobs run one after another. CPython's threads take turns
# too, because only the thread holding the GIL runs Python code; its processes do run side by
# side. C++ threads have no GIL: each gets a core of its own.
import asyncio
import os
from concurrent.futures import ProcessPoolExecutor

from jobs import burn_cpu
from lines import say

JOBS = 2
WORK = 1


# One job on a process of the pool: its own interpreter, with its own GIL.
async def in_process(processes, seconds):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(processes, burn_cpu, seconds)


async def main():
    loop = asyncio.get_running_loop()
    say("cores", cores=os.cpu_count())

    # 1. On the loop's thread, one after another: plain code, or a coroutine, does this.
    say("on_loop", jobs=JOBS, seconds=WORK)
    start = loop.time()
    for _ in range(JOBS):
        burn_cpu(WORK)
    on_loop = loop.time() - start
    say("total", seconds=on_loop)

    # 2. On threads: the computing is Python code, so each thread needs the GIL to run it,
    #    and they take turns.
    say("with_gil")
    start = loop.time()
    threads = [asyncio.create_task(asyncio.to_thread(burn_cpu, WORK), name=f"thread-{n}")
               for n in range(1, JOBS + 1)]
    await asyncio.gather(*threads)
    say("total", seconds=loop.time() - start)

    # 3. On processes: each has its own interpreter, its own GIL, and a core of its own.
    say("in_parallel")
    with ProcessPoolExecutor(max_workers=JOBS) as processes:
        start = loop.time()
        cores = [asyncio.create_task(in_process(processes, WORK), name=f"core-{n}")
                 for n in range(1, JOBS + 1)]
        await asyncio.gather(*cores)
        parallel = loop.time() - start
    say("total", seconds=parallel)
    say("speedup", speedup=on_loop / parallel if parallel > 0 else 1.0)


if __name__ == "__main__":
    asyncio.run(main())
