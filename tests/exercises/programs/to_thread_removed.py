# Exercise: keep the heart beating
import asyncio

REPORT = 2
TICKS = 4


async def heartbeat():
    for _ in range(TICKS):
        await asyncio.sleep(0.5)
        print("tick")


async def main():
    beats = asyncio.create_task(heartbeat())
    await asyncio.sleep(REPORT)  # the mistake: the slow call is gone, not moved to a thread
    print("the report is ready")
    await beats


asyncio.run(main())
