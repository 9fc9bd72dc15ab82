# Lesson 37 · files: writing and reading a file without blocking the loop. Every file
# operation of aiofiles is a request that the disk serves off the loop's thread (an executor
# here, libuv's file requests in C++), so another task goes on running meanwhile; all of it
# happens in a temporary folder that the `async with` removes on the way out, error or not.
import asyncio
import os

import aiofiles
import aiofiles.os
import aiofiles.tempfile

from lines import say

LINES = 1000


# Counts the turns the loop gives it until done: proof that the loop stayed free.
async def heartbeat(state):
    while not state["done"]:
        state["beats"] += 1
        await asyncio.sleep(0)


async def main():
    state = {"beats": 0, "done": False}
    ticker = asyncio.create_task(heartbeat(state), name="heartbeat")

    async with aiofiles.tempfile.TemporaryDirectory(prefix="asyncdemo-") as folder:
        say("folder_made")
        path = os.path.join(folder, "notes.txt")
        beats_before = state["beats"]

        say("writing", lines=LINES)
        written = 0
        async with aiofiles.open(path, "w") as out:
            for i in range(1, LINES + 1):
                written += await out.write(f"line {i}\n")
        say("written", lines=LINES, bytes=written)

        say("reading")
        count, last = 0, ""
        async with aiofiles.open(path) as f:
            async for line in f:
                count += 1
                last = line
        say("read", lines=count, last=last.strip())

        if state["beats"] > beats_before:
            say("loop_was_free")
        else:
            say("loop_was_held")

    state["done"] = True
    await ticker
    exists = await aiofiles.os.path.exists(folder)
    say("folder_gone", exists=exists)


if __name__ == "__main__":
    asyncio.run(main())
