// Lesson 32 · tcp-echo: a server from start_server on 127.0.0.1 (a free port) serves several
// clients at once; each client from open_connection gets its own line back.
#include <memory>
#include <string>
#include <vector>

#include "jobs.hpp"

namespace lessons {

namespace {
struct EchoCounts {
    int served = 0;  // clients the server answered
};

// The server's side of one connection: one line in, the same line back, then close. The
// counts are shared with it, not borrowed from main's frame: a handler may still run while
// a stopped run cancels main and its frame is gone.
asyncio::Coroutine<> echo(std::shared_ptr<EchoCounts> counts, asyncio::StreamReader reader,
                          asyncio::StreamWriter writer) {
    const std::string line = co_await reader.readline();
    writer.write(line);
    co_await writer.drain();
    ++counts->served;
    writer.close();
    co_await writer.wait_closed();
}

asyncio::Coroutine<> client(lesson::Context& ctx, int n, int port) {
    ctx.say("connecting", {{"n", n}});
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", port);
    writer.write("hello from client " + std::to_string(n) + "\n");
    co_await writer.drain();
    std::string answer = co_await reader.readline();
    if (!answer.empty() && answer.back() == '\n') answer.pop_back();
    ctx.say("answer", {{"n", n}, {"text", answer}});
    writer.close();
    co_await writer.wait_closed();
}
}  // namespace

asyncio::Coroutine<> tcp_echo(lesson::Context& ctx) {
    const auto clients = static_cast<int>(ctx.integer("clients"));
    auto counts = std::make_shared<EchoCounts>();
    auto handler = [counts](asyncio::StreamReader r, asyncio::StreamWriter w) {
        return echo(counts, std::move(r), std::move(w));
    };
    asyncio::Server server = co_await asyncio::start_server(handler, "127.0.0.1", 0);
    const auto address = server.sockets().front();
    ctx.say("listening", {{"host", address.host}});

    std::vector<asyncio::Task<>> tasks;
    for (int n = 1; n <= clients; ++n)
        tasks.push_back(
            asyncio::create_task(client(ctx, n, server.port()), "client-" + std::to_string(n)));
    co_await asyncio::gather(tasks);

    server.close();
    co_await server.wait_closed();
    ctx.say("served", {{"count", counts->served}});
}

}  // namespace lessons
