// Lesson 37 · files: writing and reading a file without blocking the loop. Every file
// operation of aiofiles is a request that the disk serves off the loop's thread (libuv's file
// requests here, an executor in Python), so another task goes on running meanwhile; all of it
// happens in a temporary folder that the `async with` removes on the way out, error or not.
#include <memory>
#include <string>

#include "aiofiles/aiofiles.hpp"
#include "lesson.hpp"

namespace lessons {

namespace {
using aiofiles::AsyncFile;
using aiofiles::tempfile::TemporaryDirectory;

// Shared with the heartbeat task, which may outlive main's frame (Ctrl-C cancels main first).
struct Beats {
    int beats = 0;
    bool done = false;
};

// Counts the turns the loop gives it until `done`: proof that the loop stayed free.
asyncio::Coroutine<> heartbeat(std::shared_ptr<Beats> state) {
    while (!state->done) {
        ++state->beats;
        co_await asyncio::sleep(0);
    }
}
}  // namespace

asyncio::Coroutine<> files(lesson::Context& ctx) {
    const auto lines = ctx.integer("lines");
    auto state = std::make_shared<Beats>();
    auto ticker = asyncio::create_task(heartbeat(state), "heartbeat");
    std::string folder;

    auto body = [&](TemporaryDirectory& tmp) -> asyncio::Coroutine<> {
        folder = tmp.name();
        ctx.say("folder_made");
        const std::string path = folder + "/notes.txt";
        const int beats_before = state->beats;

        ctx.say("writing", {{"lines", lines}});
        std::size_t written = 0;
        const std::string write_mode = "w";
        auto out = co_await aiofiles::open(path, write_mode);
        for (std::int64_t i = 1; i <= lines; ++i)
            written += co_await out.write("line " + std::to_string(i) + "\n");
        co_await out.close();
        ctx.say("written", {{"lines", lines}, {"bytes", static_cast<long long>(written)}});

        ctx.say("reading");
        std::int64_t count = 0;
        std::string last;
        auto in = co_await aiofiles::open(path);
        for (;;) {  // async for line in f
            std::string line = co_await in.readline();
            if (line.empty()) break;
            ++count;
            last = std::move(line);
        }
        co_await in.close();
        if (!last.empty()) last.pop_back();  // its "\n"
        ctx.say("read", {{"lines", count}, {"last", last}});

        if (state->beats > beats_before)
            ctx.say("loop_was_free");
        else
            ctx.say("loop_was_held");
    };
    co_await asyncio::async_with(TemporaryDirectory("asyncdemo-"), body);

    state->done = true;
    co_await ticker;
    const bool exists = co_await aiofiles::os::path::exists(folder);
    ctx.say("folder_gone", {{"exists", exists ? "True" : "False"}});
}

}  // namespace lessons
