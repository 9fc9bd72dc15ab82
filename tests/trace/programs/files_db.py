# aiofiles and aiosqlite: a file written and read back, a table made and queried, each call a
# wait on I/O of its own kind, while a timer of one second runs beside them.
import asyncio
import os
import tempfile

import aiofiles
import aiosqlite


async def files(folder):
    path = os.path.join(folder, "note.txt")
    async with aiofiles.open(path, "w") as f:
        await f.write("hello\n")
    async with aiofiles.open(path) as f:
        print("file says", (await f.read()).strip())


async def database(folder):
    async with aiosqlite.connect(os.path.join(folder, "shop.db")) as db:
        await db.execute("CREATE TABLE fruit (name TEXT)")
        await db.execute("INSERT INTO fruit VALUES ('pear')")
        cursor = await db.execute("SELECT name FROM fruit")
        print("database says", (await cursor.fetchone())[0])


async def main():
    with tempfile.TemporaryDirectory() as folder:
        await asyncio.gather(asyncio.create_task(files(folder), name="files"),
                             asyncio.create_task(database(folder), name="database"),
                             asyncio.create_task(asyncio.sleep(1), name="timer"))


asyncio.run(main())
