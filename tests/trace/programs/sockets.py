# Real I/O: a server on the loopback answers after a one-second timer of its own.
import asyncio


async def answer(reader, writer):
    await reader.readline()
    await asyncio.sleep(1)
    writer.write(b"pong\n")
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"ping\n")
    print("got", (await reader.readline()).decode().strip())
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
