# «title»
# «task»
import asyncio
import time

REPORT = 2
TICKS = 4


def build_report(seconds):
    # «blocking»
    time.sleep(seconds)
    return "«report»"


async def heartbeat():
    for _ in range(TICKS):
        await asyncio.sleep(0.5)
        print("«tick»")


async def main():
    beats = asyncio.create_task(heartbeat())
    # «solved»
    report = await asyncio.to_thread(build_report, REPORT)
    print(report)
    await beats


asyncio.run(main())
