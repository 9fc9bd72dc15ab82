// aiofiles: files and folders on libuv's file requests. Every case works inside a fresh
// temporary folder and checks that it is gone afterwards, also when the body raised.
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "aiofiles/aiofiles.hpp"
#include "support.hpp"

using aiofiles::AsyncFile;
using aiofiles::tempfile::TemporaryDirectory;
using asyncio::Coroutine;
using testing::now;
using testing::run_virtual;

namespace {

struct Waits : asyncio::Observer {
    std::vector<asyncio::WaitInfo> seen;
    void task_suspended(const asyncio::WaitInfo& w, double) override { seen.push_back(w); }
};

}  // namespace

TEST_CASE("files: lines written are read back, in a folder removed afterwards") {
    std::string folder;
    auto main = [&]() -> Coroutine<std::vector<std::string>> {
        std::vector<std::string> lines;
        co_await asyncio::async_with(
            TemporaryDirectory("asyncdemo-"), [&](TemporaryDirectory& tmp) -> Coroutine<> {
                folder = tmp.name();
                CHECK(co_await aiofiles::os::path::exists(folder));
                const std::string path = folder + "/notes.txt";
                co_await asyncio::async_with(
                    co_await aiofiles::open(path, "w"), [&](AsyncFile& f) -> Coroutine<> {
                        for (int i = 1; i <= 1000; ++i)
                            co_await f.write("line " + std::to_string(i) + "\n");
                    });
                auto f = co_await aiofiles::open(path);
                CHECK(f.name() == path);
                CHECK(co_await f.readline() == "line 1\n");
                CHECK(co_await f.read(5) == "line ");
                CHECK(co_await f.readline() == "2\n");
                lines = co_await f.readlines();
                CHECK(co_await f.read() == "");
                co_await f.close();
                CHECK(f.closed());
                co_await f.close();  // twice is fine
                const auto names = co_await aiofiles::os::listdir(folder);
                CHECK(names == std::vector<std::string>{"notes.txt"});
            });
        CHECK(now() == 0.0);  // file work costs no virtual time
        co_return lines;
    };
    Waits waits;
    const auto lines = run_virtual(main(), &waits);
    REQUIRE(lines.size() == 998u);
    CHECK(lines.front() == "line 3\n");
    CHECK(lines.back() == "line 1000\n");
    CHECK(!folder.empty());
    CHECK(!std::filesystem::exists(folder));
    bool saw_fs = false;
    for (const auto& w : waits.seen)
        saw_fs = saw_fs || (w.on == asyncio::WaitOn::io && w.detail == "fs");
    CHECK(saw_fs);
}

TEST_CASE("files: append, exclusive create, read and write both ways") {
    auto main = []() -> Coroutine<> {
        TemporaryDirectory tmp;
        const std::string folder = co_await tmp.aenter();
        const std::string path = folder + "/a.bin";
        auto w = co_await aiofiles::open(path, "wb");
        CHECK(co_await w.write(std::string("ab\0cd", 5)) == 5u);
        co_await w.close();
        auto a = co_await aiofiles::open(path, "a");
        co_await a.write("ef");
        co_await a.close();
        auto r = co_await aiofiles::open(path, "rb");
        CHECK(co_await r.read() == std::string("ab\0cdef", 7));
        co_await r.close();
        CHECK_THROWS_AS(co_await aiofiles::open(path, "x"), asyncio::FileExistsError);
        auto rw = co_await aiofiles::open(path, "r+");
        CHECK(co_await rw.read(2) == "ab");
        co_await rw.write("XY");  // at the position reached
        CHECK(co_await rw.read() == "def");
        co_await rw.close();
        auto check = co_await aiofiles::open(path);
        CHECK(co_await check.read() == std::string("abXYdef", 7));
        co_await check.close();
        co_await aiofiles::os::remove(path);
        CHECK(!(co_await aiofiles::os::path::exists(path)));
        co_await tmp.cleanup();
        CHECK(!(co_await aiofiles::os::path::exists(folder)));
    };
    run_virtual(main());
}

TEST_CASE("files: errors are OSError subclasses naming the path") {
    auto main = []() -> Coroutine<> {
        co_await asyncio::async_with(
            TemporaryDirectory(), [&](TemporaryDirectory& tmp) -> Coroutine<> {
                const std::string missing = tmp.name() + "/missing.txt";
                try {
                    co_await aiofiles::open(missing);
                    FAIL("open should have raised");
                } catch (const asyncio::FileNotFoundError& e) {
                    CHECK(e.errno_value() == ENOENT);
                    CHECK(e.filename() == missing);
                    CHECK(std::string(e.what()) ==
                          "[Errno 2] No such file or directory: '" + missing + "'");
                }
                CHECK_THROWS_AS(co_await aiofiles::os::unlink(missing), asyncio::FileNotFoundError);
                CHECK_THROWS_AS(co_await aiofiles::open(tmp.name(), "w"),
                                asyncio::IsADirectoryError);
                CHECK_THROWS_AS(co_await aiofiles::os::mkdir(tmp.name()), asyncio::FileExistsError);
                CHECK_THROWS_AS(co_await aiofiles::open(missing, "rw"), asyncio::ValueError);
                CHECK_THROWS_AS(co_await aiofiles::open(missing, "q"), asyncio::ValueError);
                auto f = co_await aiofiles::open(tmp.name() + "/new.txt", "w");
                CHECK_THROWS_AS(co_await f.read(), asyncio::ValueError);  // not readable
                co_await f.close();
                CHECK_THROWS_AS(co_await f.write("late"), asyncio::ValueError);  // closed
                if (::geteuid() != 0) {  // root may write anywhere
                    co_await aiofiles::os::mkdir(tmp.name() + "/locked", 0500);
                    CHECK_THROWS_AS(co_await aiofiles::open(tmp.name() + "/locked/x", "w"),
                                    asyncio::PermissionError);
                }
            });
    };
    run_virtual(main());
}

TEST_CASE("files: the temporary folder goes also when the body raises or is cancelled") {
    std::string raised_in;
    auto raising = [&]() -> Coroutine<> {
        co_await asyncio::async_with(
            TemporaryDirectory(), [&](TemporaryDirectory& tmp) -> Coroutine<> {
                raised_in = tmp.name();
                co_await asyncio::async_with(
                    co_await aiofiles::open(tmp.name() + "/f", "w"),
                    [&](AsyncFile& f) -> Coroutine<> { co_await f.write("x"); });
                co_await aiofiles::os::mkdir(tmp.name() + "/sub");
                co_await aiofiles::os::mkdir(tmp.name() + "/sub/deeper");
                throw asyncio::ValueError("boom");
            });
    };
    CHECK_THROWS_AS(run_virtual(raising()), asyncio::ValueError);
    CHECK(!raised_in.empty());
    CHECK(!std::filesystem::exists(raised_in));

    std::string cancelled_in;
    auto cancelled = [&]() -> Coroutine<bool> {
        auto body = [&]() -> Coroutine<> {
            co_await asyncio::async_with(TemporaryDirectory(),
                                         [&](TemporaryDirectory& tmp) -> Coroutine<> {
                                             cancelled_in = tmp.name();
                                             co_await asyncio::sleep(10);
                                         });
        };
        auto task = asyncio::create_task(body());
        co_await asyncio::sleep(1);
        CHECK(std::filesystem::exists(cancelled_in));
        task.cancel();  // what Ctrl-C does to the main task
        try {
            co_await task;
        } catch (const asyncio::CancelledError&) {
            co_return true;
        }
        co_return false;
    };
    CHECK(run_virtual(cancelled()));
    CHECK(!cancelled_in.empty());
    CHECK(!std::filesystem::exists(cancelled_in));
}

TEST_CASE("files: a task cancelled while its file request runs leaves nothing behind") {
    auto main = []() -> Coroutine<> {
        co_await asyncio::async_with(
            TemporaryDirectory(), [&](TemporaryDirectory& tmp) -> Coroutine<> {
                const std::string path = tmp.name() + "/big";
                auto task = asyncio::create_task([](std::string p) -> Coroutine<> {
                    auto f = co_await aiofiles::open(p, "w");
                    co_await f.write(std::string(1 << 20, 'z'));
                    co_await f.close();
                }(path));
                co_await asyncio::sleep(0);  // the open is under way
                task.cancel();
                co_await testing::settle(task);
                CHECK(task.cancelled());
            });
    };
    run_virtual(main());  // run() fails if a request or handle were left to the closing loop
}
