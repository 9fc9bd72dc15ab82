# Streams on the loopback: a server from start_server and a client that connects, writes a
# line, reads the answer a second later and closes. The server's handler runs this program's
# coroutine; accepting the connection is asyncio's own work.
import asyncio


async def answer(reader, writer):
    line = await reader.readline()
    await asyncio.sleep(1)
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"ping\n")
    await writer.drain()
    print("got", (await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.create_task(client(port), name="client")
    server.close()
    await server.wait_closed()


asyncio.run(main())
