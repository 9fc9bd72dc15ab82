# Exercise: keep the heart beating
import asyncio
import time

REPORT = 2
TICKS = 4


def build_report(seconds):
    time.sleep(seconds)
    return "the report is ready"


async def heartbeat():
    for _ in range(TICKS):
        await asyncio.sleep(0.5)
        print("tick")


async def main():
    beats = asyncio.create_task(heartbeat())
    # the mistake: build_report(REPORT) is called here, on the loop; to_thread gets its result
    report = await asyncio.to_thread(build_report(REPORT))
    print(report)
    await beats


asyncio.run(main())
