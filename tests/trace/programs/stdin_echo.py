# Reads its standard input.
import asyncio
import sys


async def main():
    text = sys.stdin.read()
    print(f"read {len(text)} characters")


asyncio.run(main())
