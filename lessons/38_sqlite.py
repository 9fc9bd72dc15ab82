# Lesson 38 · sqlite: a real SQLite database with aiosqlite. The connection has a worker
# thread of its own that alone touches the database; each call (connect, execute, fetch,
# commit, close) is handed to that thread and awaited, so the loop stays free meanwhile. The
# database file lives in a temporary folder that is removed afterwards.
import asyncio
import os

import aiofiles.os
import aiofiles.tempfile
import aiosqlite

from lines import say

ROWS = 10


# The price of the i-th item: 1.25, 2.5, 3.75... (exact in binary, so every sum is too).
def price_of(i):
    return 1.25 * i


async def use_database(db):
    say("connected")
    await db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL)")
    say("table_made")

    for i in range(1, ROWS + 1):
        await db.execute("INSERT INTO items (name, price) VALUES (?, ?)",
                         (f"item-{i}", price_of(i)))
    await db.commit()
    say("inserted", rows=ROWS)

    cursor = await db.execute("SELECT id, name, price FROM items ORDER BY id")
    found = await cursor.fetchall()
    say("read", rows=len(found))
    if found:
        say("first_last", first=repr(found[0]), last=repr(found[-1]))

    cursor = await db.execute("SELECT SUM(price) FROM items")
    (total,) = await cursor.fetchone()
    say("total", total=total or 0.0)  # SUM is NULL when there are no rows


async def main():
    async with aiofiles.tempfile.TemporaryDirectory(prefix="asyncdemo-") as folder:
        path = os.path.join(folder, "shop.db")
        async with aiosqlite.connect(path) as db:
            await use_database(db)
        say("closed")

    exists = await aiofiles.os.path.exists(folder)
    say("folder_gone", exists=exists)


if __name__ == "__main__":
    asyncio.run(main())
