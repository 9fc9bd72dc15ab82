# Lesson 25 · event: one task waits on an Event until another one sets it. The e-mail cannot
# go out before the promotions are ready, and it does not poll for them: it just waits.
import asyncio

from lines import say

UPDATE = 2
FETCH = 1
SEND = 1


async def update_promotions(ready, update):
    say("updating", seconds=update)
    await asyncio.sleep(update)
    say("promotions_ready")
    ready.set()  # wakes every task waiting on the event


async def send_email(ready, fetch, send):
    say("waiting_promotions")
    await ready.wait()
    say("fetching", seconds=fetch)
    await asyncio.sleep(fetch)
    say("sending", seconds=send)
    await asyncio.sleep(send)
    say("sent")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    ready = asyncio.Event()
    email = asyncio.create_task(send_email(ready, FETCH, SEND), name="email")
    promo = asyncio.create_task(update_promotions(ready, UPDATE), name="promo")
    await asyncio.gather(email, promo)
    say("finished", seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
