# Exercise: clean up when cancelled
import asyncio

PARTS = 5
PATIENCE = 2.5


async def download():
    print("file opened")
    for part in range(1, PARTS + 1):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass  # the mistake: the cancellation is swallowed and the download goes on
        print(f"received part {part}")
    print("file closed")


async def main():
    job = asyncio.create_task(download())
    await asyncio.sleep(PATIENCE)
    job.cancel()
    await job
    print("the download stopped")


asyncio.run(main())
