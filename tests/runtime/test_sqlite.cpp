// aiosqlite: a real SQLite database in a temporary folder, each call on the connection's own
// worker thread. Named "thread: ..." so that the TSan pass (-tc='thread:*') runs them.
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "aiofiles/aiofiles.hpp"
#include "aiosqlite/aiosqlite.hpp"
#include "support.hpp"

using aiofiles::tempfile::TemporaryDirectory;
using aiosqlite::Row;
using asyncio::Coroutine;
using testing::Log;
using testing::now;
using testing::run_virtual;
using Lines = std::vector<std::string>;
using namespace std::string_literals;

namespace {

struct Waits : asyncio::Observer {
    std::vector<asyncio::WaitInfo> seen;
    void task_suspended(const asyncio::WaitInfo& w, double) override { seen.push_back(w); }
};

std::vector<std::string> reprs(const std::vector<Row>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(aiosqlite::repr(row));
    return out;
}

}  // namespace

TEST_CASE("thread: sqlite rows written are read back, and the folder is gone afterwards") {
    std::string folder;
    auto main = [&]() -> Coroutine<std::vector<std::string>> {
        std::vector<std::string> seen;
        co_await asyncio::async_with(
            TemporaryDirectory(), [&](TemporaryDirectory& tmp) -> Coroutine<> {
                folder = tmp.name();
                const std::string path = folder + "/shop.db";
                auto db = co_await aiosqlite::connect(path);
                co_await db.execute(
                    "CREATE TABLE fruit (id INTEGER PRIMARY KEY, name TEXT, price REAL)"s);
                // A named list: GCC 12 cannot hold an initializer list across a co_await.
                aiosqlite::Params apple{std::string("apple"), 1.5};
                auto one =
                    co_await db.execute("INSERT INTO fruit (name, price) VALUES (?, ?)"s, apple);
                CHECK(one.rowcount() == 1);
                CHECK(one.lastrowid() == 1);
                std::vector<aiosqlite::Params> more;
                for (int i = 2; i <= 10; ++i)
                    more.push_back({std::string("fruit ") + std::to_string(i), nullptr});
                auto many =
                    co_await db.executemany("INSERT INTO fruit (name, price) VALUES (?, ?)"s, more);
                CHECK(many.rowcount() == 9);
                co_await db.commit();
                co_await db.close();

                // A second connection sees what the first committed.
                auto again = co_await aiosqlite::connect(path);
                auto cursor =
                    co_await again.execute("SELECT id, name, price FROM fruit ORDER BY id"s);
                CHECK(cursor.rowcount() == -1);
                auto first = co_await cursor.fetchone();
                REQUIRE(first);
                seen.push_back(aiosqlite::repr(*first));
                auto two = co_await cursor.fetchmany(2);
                auto rest = co_await cursor.fetchall();
                CHECK(two.size() == 2u);
                CHECK(rest.size() == 7u);
                seen.push_back(aiosqlite::repr(rest.back()));
                auto none = co_await cursor.fetchone();
                CHECK(!none);
                auto count = co_await again.execute("SELECT count(*) FROM fruit"s);
                auto counted = co_await count.fetchall();
                seen.push_back(reprs(counted).front());
                co_await again.close();
            });
        CHECK(now() == 0.0);  // database work costs no virtual time
        co_return seen;
    };
    Waits waits;
    CHECK(run_virtual(main(), &waits) ==
          Lines{"(1, 'apple', 1.5)", "(10, 'fruit 10', None)", "(10,)"});
    CHECK(!std::filesystem::exists(folder));
    bool saw_db = false;
    for (const auto& w : waits.seen)
        saw_db = saw_db || (w.on == asyncio::WaitOn::io && w.detail == "db");
    CHECK(saw_db);
}

TEST_CASE("thread: sqlite runs each call on the connection's own thread, never the loop's") {
    auto main = []() -> Coroutine<> {
        auto db = co_await aiosqlite::connect(":memory:"s);
        // A function the database calls back on the thread that runs the statement.
        co_await db.execute("CREATE TABLE t (x)"s);
        co_await db.execute("INSERT INTO t VALUES (1)"s);
        auto cursor = co_await db.execute("SELECT x FROM t"s);
        auto rows = co_await cursor.fetchall();
        CHECK(reprs(rows) == Lines{"(1,)"});
        co_await db.close();
        CHECK_THROWS_AS(co_await db.execute("SELECT 1"s), aiosqlite::ProgrammingError);
        CHECK_THROWS_AS(co_await cursor.fetchall(), aiosqlite::ProgrammingError);
        co_await db.close();  // twice is fine
    };
    run_virtual(main());
}

TEST_CASE("thread: sqlite errors carry SQLite's message") {
    auto main = []() -> Coroutine<> {
        auto db = co_await aiosqlite::connect(":memory:"s);
        try {
            co_await db.execute("SELECT * FROM nowhere"s);
            FAIL("execute should have raised");
        } catch (const aiosqlite::OperationalError& e) {
            CHECK(std::string(e.what()) == "no such table: nowhere");
        }
        CHECK_THROWS_AS(co_await db.execute("SELEC 1"s), aiosqlite::OperationalError);
        co_await db.execute("CREATE TABLE u (name TEXT UNIQUE)"s);
        co_await db.execute("INSERT INTO u VALUES ('a')"s);
        try {
            co_await db.execute("INSERT INTO u VALUES ('a')"s);
            FAIL("execute should have raised");
        } catch (const aiosqlite::IntegrityError& e) {
            CHECK(std::string(e.what()) == "UNIQUE constraint failed: u.name");
        }
        CHECK_THROWS_AS(co_await db.execute("INSERT INTO u VALUES (?)"s),
                        aiosqlite::ProgrammingError);
        CHECK_THROWS_AS(co_await db.execute("SELECT 1; SELECT 2"s), aiosqlite::ProgrammingError);
        co_await db.close();
        // A folder cannot be opened as a database.
        CHECK_THROWS_AS(co_await aiosqlite::connect("/"s), aiosqlite::OperationalError);
    };
    run_virtual(main());
}

TEST_CASE("thread: sqlite drops what was not committed, as Python's sqlite3 does") {
    auto main = []() -> Coroutine<std::vector<std::string>> {
        TemporaryDirectory tmp;
        const std::string path = co_await tmp.aenter() + "/t.db";
        auto db = co_await aiosqlite::connect(path);
        co_await db.executescript("CREATE TABLE t (x); INSERT INTO t VALUES (1);"s);
        co_await db.execute("INSERT INTO t VALUES (2)"s);
        co_await db.commit();
        co_await db.execute("INSERT INTO t VALUES (3)"s);
        co_await db.rollback();
        co_await db.execute("INSERT INTO t VALUES (4)"s);
        co_await db.close();  // without commit: 4 is lost
        auto again = co_await aiosqlite::connect(path);
        auto cursor = co_await again.execute("SELECT x FROM t ORDER BY x"s);
        auto rows = co_await cursor.fetchall();
        co_await again.close();
        co_await tmp.cleanup();
        co_return reprs(rows);
    };
    CHECK(run_virtual(main()) == Lines{"(1,)", "(2,)"});
}

TEST_CASE("thread: sqlite calls leave the loop free, and a cancelled call is dropped") {
    auto main = []() -> Coroutine<Lines> {
        Log log;
        auto db = co_await aiosqlite::connect(":memory:"s);
        co_await db.execute("CREATE TABLE t (x)"s);
        // A statement that keeps the worker busy for a while (a recursive count).
        const std::string slow =
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 300000) "
            "SELECT count(*) FROM c";
        auto ticking = asyncio::create_task([](Log& log) -> Coroutine<> {
            for (int i = 0; i < 3; ++i) {
                co_await asyncio::sleep(0.5);
                log.add("tick");
            }
        }(log));
        auto busy =
            asyncio::create_task([](aiosqlite::Connection db, std::string sql) -> Coroutine<> {
                auto cursor = co_await db.execute(sql);
                co_await cursor.fetchall();
            }(db, slow));
        co_await asyncio::sleep(0);
        busy.cancel();
        co_await testing::settle(busy);
        CHECK(busy.cancelled());
        auto cursor = co_await db.execute("SELECT 42"s);  // queued after the dropped one
        auto rows = co_await cursor.fetchall();
        log.add(reprs(rows).front());
        co_await ticking;
        co_await db.close();
        co_return log.lines;
    };
    // Virtual time stands still while the worker counts: the answer comes at t=0, and the
    // ticks keep their exact times after it.
    CHECK(run_virtual(main()) == Lines{"0 (42,)", "0.5 tick", "1 tick", "1.5 tick"});
}

TEST_CASE("thread: sqlite values keep their types, repr as Python's") {
    CHECK(aiosqlite::repr(aiosqlite::Value{nullptr}) == "None");
    CHECK(aiosqlite::repr(aiosqlite::Value{std::int64_t{-3}}) == "-3");
    CHECK(aiosqlite::repr(aiosqlite::Value{0.1}) == "0.1");
    CHECK(aiosqlite::repr(aiosqlite::Value{2.0}) == "2.0");
    CHECK(aiosqlite::repr(aiosqlite::Value{std::string("it's")}) == "\"it's\"");
    CHECK(aiosqlite::repr(Row{std::int64_t{1}, std::string("a")}) == "(1, 'a')");
    auto main = []() -> Coroutine<std::string> {
        auto db = co_await aiosqlite::connect(":memory:"s);
        aiosqlite::Params y{std::string("y")};
        auto cursor = co_await db.execute("SELECT 1, 2.5, 'x', NULL, ?"s, y);
        auto row = co_await cursor.fetchone();
        co_await cursor.close();
        co_await db.close();
        co_return aiosqlite::repr(*row);
    };
    CHECK(run_virtual(main()) == "(1, 2.5, 'x', None, 'y')");
}
