# One task per primitive, each made to wait on it for one second by a helper.
import asyncio


async def hold_lock(lock):
    async with lock:
        await asyncio.sleep(1)


async def want_lock(lock):
    await asyncio.sleep(0)  # let the holder in first
    async with lock:
        pass


async def want_event(event):
    await event.wait()


async def want_condition(condition):
    async with condition:
        await condition.wait()


async def want_item(queue):
    return await queue.get()


async def main():
    lock, semaphore, event = asyncio.Lock(), asyncio.Semaphore(1), asyncio.Event()
    condition, queue = asyncio.Condition(), asyncio.Queue()
    await semaphore.acquire()
    tasks = [
        asyncio.create_task(hold_lock(lock), name="holder"),
        asyncio.create_task(want_lock(lock), name="lock"),
        asyncio.create_task(semaphore.acquire(), name="semaphore"),
        asyncio.create_task(want_event(event), name="event"),
        asyncio.create_task(want_condition(condition), name="condition"),
        asyncio.create_task(want_item(queue), name="queue"),
    ]
    await asyncio.sleep(1)
    semaphore.release()
    event.set()
    async with condition:
        condition.notify_all()
    queue.put_nowait("parcel")
    await asyncio.gather(*tasks)


asyncio.run(main())
