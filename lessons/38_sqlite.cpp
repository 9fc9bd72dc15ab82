// Lesson 38 · sqlite: a real SQLite database with aiosqlite. The connection has a worker
// thread of its own that alone touches the database; each call (connect, execute, fetch,
// commit, close) is handed to that thread and awaited, so the loop stays free meanwhile. The
// database file lives in a temporary folder that is removed afterwards.
#include <string>

#include "aiofiles/aiofiles.hpp"
#include "aiosqlite/aiosqlite.hpp"
#include "lesson.hpp"

namespace lessons {

namespace {
using aiofiles::tempfile::TemporaryDirectory;

// The price of the i-th item: 1.25, 2.5, 3.75... (exact in binary, so every sum is too).
double price_of(std::int64_t i) {
    return 1.25 * static_cast<double>(i);
}
}  // namespace

asyncio::Coroutine<> sqlite(lesson::Context& ctx) {
    const auto rows = ctx.integer("rows");
    std::string folder;

    auto use_database = [&](aiosqlite::Connection& db) -> asyncio::Coroutine<> {
        ctx.say("connected");
        const std::string create =
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL)";
        co_await db.execute(create);
        ctx.say("table_made");

        const std::string insert = "INSERT INTO items (name, price) VALUES (?, ?)";
        for (std::int64_t i = 1; i <= rows; ++i) {
            aiosqlite::Params item{"item-" + std::to_string(i), price_of(i)};
            co_await db.execute(insert, item);
        }
        co_await db.commit();
        ctx.say("inserted", {{"rows", rows}});

        const std::string select = "SELECT id, name, price FROM items ORDER BY id";
        auto cursor = co_await db.execute(select);
        const auto found = co_await cursor.fetchall();
        ctx.say("read", {{"rows", static_cast<long long>(found.size())}});
        if (!found.empty())
            ctx.say("first_last", {{"first", aiosqlite::repr(found.front())},
                                   {"last", aiosqlite::repr(found.back())}});

        const std::string sum = "SELECT SUM(price) FROM items";
        cursor = co_await db.execute(sum);
        const auto total = co_await cursor.fetchone();
        const auto* value = std::get_if<double>(&total->at(0));  // NULL when there are no rows
        ctx.say("total", {{"total", value ? *value : 0.0}});
    };

    auto body = [&](TemporaryDirectory& tmp) -> asyncio::Coroutine<> {
        folder = tmp.name();
        const std::string path = folder + "/shop.db";
        co_await asyncio::async_with(co_await aiosqlite::connect(path), use_database);
        ctx.say("closed");
    };
    co_await asyncio::async_with(TemporaryDirectory("asyncdemo-"), body);

    const bool exists = co_await aiofiles::os::path::exists(folder);
    ctx.say("folder_gone", {{"exists", exists ? "True" : "False"}});
}

}  // namespace lessons
