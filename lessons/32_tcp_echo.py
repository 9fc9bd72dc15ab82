# Lesson 32 · tcp-echo: a server from start_server on 127.0.0.1 (a free port) serves several
# clients at once; each client from open_connection gets its own line back.
import asyncio

from lines import say

CLIENTS = 3

served = 0  # clients the server answered


async def echo(reader, writer):
    """The server's side of one connection: one line in, the same line back, then close."""
    global served
    line = await reader.readline()
    writer.write(line)
    await writer.drain()
    served += 1
    writer.close()
    await writer.wait_closed()


async def client(n, port):
    say("connecting", n=n)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"hello from client {n}\n".encode())
    await writer.drain()
    answer = (await reader.readline()).decode().rstrip("\n")
    say("answer", n=n, text=answer)
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    say("listening", host=host)
    tasks = [asyncio.create_task(client(n, port), name=f"client-{n}")
             for n in range(1, CLIENTS + 1)]
    await asyncio.gather(*tasks)
    server.close()
    await server.wait_closed()
    say("served", count=served)


if __name__ == "__main__":
    asyncio.run(main())
