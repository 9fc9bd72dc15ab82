# Exercise: keep the heart beating
import asyncio
import time

REPORT = 2
TICKS = 4


def build_report(seconds):
    time.sleep(seconds)
    return "the report is ready"


async def report_task():
    return build_report(REPORT)  # the mistake: a coroutine around it still runs it on the loop


async def heartbeat():
    for _ in range(TICKS):
        await asyncio.sleep(0.5)
        print("tick")


async def main():
    beats = asyncio.create_task(heartbeat())
    report = await asyncio.create_task(report_task())
    print(report)
    await beats


asyncio.run(main())
