# Holds a file while it runs and removes it when its task is cancelled: a program that
# cleans up after itself on Ctrl-C. usage: tidy.py FILE
import asyncio
import os
import sys


async def hold(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("in use\n")
    try:
        while True:
            await asyncio.sleep(0.5)
            print("holding", os.path.basename(path))
    finally:
        os.remove(path)
        print("tidied up")


asyncio.run(hold(sys.argv[1]))
