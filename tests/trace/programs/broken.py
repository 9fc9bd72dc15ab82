# Not valid Python: the colon is missing.
import asyncio

async def main()
    pass
