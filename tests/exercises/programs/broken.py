# Exercise: three downloads together
import asyncio

async def main()
    print("no colon above")
