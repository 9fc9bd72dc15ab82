# Lesson 31 · cpu-bound: work that computes, rather than waits, needs a CPU core for all of
# its time. On the loop's thread such jobs run one after another. CPython's threads take turns
# too, because only the thread holding the GIL runs Python code; its processes do run side by
# side. C++ threads have no GIL: each gets a core of its own.
#
# twin.burn_cpu(seconds) is a counting loop sized to take `seconds` on one core. twin.to_thread
# and twin.run_in_executor are asyncio's; under --clock virtual they charge that time to the
# virtual clock, with pure-Python computing on threads holding one GIL.
import asyncio
import os
from concurrent.futures import ProcessPoolExecutor

import twin
from twin import say


async def main(p):
    loop = asyncio.get_running_loop()
    if isinstance(loop, twin.VirtualClockLoop):
        say("cores_virtual")
    else:
        say("cores", cores=os.cpu_count())

    # 1. On the loop's thread, one after another: plain code, or a coroutine, does this.
    say("on_loop", jobs=p.jobs, seconds=p.work)
    start = loop.time()
    for _ in range(p.jobs):
        twin.burn_cpu(p.work)
    on_loop = loop.time() - start
    say("total", seconds=on_loop)

    # 2. On threads: the computing is Python code, so each thread needs the GIL to run it,
    #    and they take turns.
    say("with_gil")
    start = loop.time()
    threads = [asyncio.create_task(twin.to_thread(twin.burn_cpu, p.work), name=f"thread-{n}")
               for n in range(1, p.jobs + 1)]
    await asyncio.gather(*threads)
    say("total", seconds=loop.time() - start)

    # 3. On processes: each has its own interpreter, its own GIL, and a core of its own.
    say("in_parallel")
    with ProcessPoolExecutor(max_workers=p.jobs) as processes:
        start = loop.time()
        cores = [asyncio.create_task(twin.run_in_executor(processes, twin.burn_cpu, p.work),
                                     name=f"core-{n}")
                 for n in range(1, p.jobs + 1)]
        await asyncio.gather(*cores)
        parallel = loop.time() - start
    say("total", seconds=parallel)
    say("speedup", speedup=on_loop / parallel if parallel > 0 else 1.0)


if __name__ == "__main__":
    twin.run(main, "cpu-bound")
