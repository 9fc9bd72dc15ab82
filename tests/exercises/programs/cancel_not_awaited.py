# Exercise: clean up when cancelled
import asyncio

PARTS = 5
PATIENCE = 2.5


async def download():
    print("file opened")
    try:
        for part in range(1, PARTS + 1):
            await asyncio.sleep(1)
            print(f"received part {part}")
    finally:
        print("file closed")


async def main():
    job = asyncio.create_task(download())
    await asyncio.sleep(PATIENCE)
    job.cancel()  # the mistake: cancel() only asks; nobody waits for the cleanup
    print("the download stopped")


asyncio.run(main())
