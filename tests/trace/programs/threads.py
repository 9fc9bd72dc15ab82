# A blocking call on a worker thread (to_thread, run_in_executor) while another task sleeps.
import asyncio
import concurrent.futures
import time


def slow_read(seconds):
    time.sleep(seconds)
    return seconds


async def reader():
    return await asyncio.to_thread(slow_read, 2)


async def pooled(pool):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, slow_read, 1)


async def napper():
    await asyncio.sleep(1)


async def main():
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        await asyncio.gather(asyncio.create_task(reader(), name="reader"),
                             asyncio.create_task(pooled(pool), name="pooled-1"),
                             asyncio.create_task(pooled(pool), name="pooled-2"),
                             asyncio.create_task(napper(), name="napper"))


asyncio.run(main())
