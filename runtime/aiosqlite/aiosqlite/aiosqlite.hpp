#pragma once
// aiosqlite for C++: Python's sqlite3 with every call awaited from the loop. Each connection
// has a worker thread of its own that alone touches the database, as aiosqlite does; a task
// awaiting a call waits on WaitOn::io with detail "db". Under the virtual clock the loop waits for
// the call in real time: database work costs no lesson time.
//
//     auto db = co_await aiosqlite::connect(folder + "/shop.db");
//     co_await db.execute("CREATE TABLE fruit (name TEXT, price REAL)");
//     aiosqlite::Params apple{"apple", 1.5};  // named: GCC 12 mishandles a braced list
//     co_await db.execute("INSERT INTO fruit VALUES (?, ?)", apple);  // inside a co_await
//     co_await db.commit();
//     auto cursor = co_await db.execute("SELECT name, price FROM fruit");
//     for (const auto& row : co_await cursor.fetchall()) std::cout << aiosqlite::repr(row);
//     co_await db.close();
//
// Transactions as in Python 3.11's sqlite3 (isolation_level ""): an INSERT, UPDATE, DELETE or
// REPLACE opens one when none is open; commit() ends it; close() without commit() drops it.
// Errors carry SQLite's message: OperationalError (no such table, syntax error, ...),
// IntegrityError (a constraint), ProgrammingError (misuse, a closed database).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "asyncio/coroutine.hpp"
#include "asyncio/errors.hpp"

namespace aiosqlite {

class Error : public asyncio::Exception {
  public:
    using asyncio::Exception::Exception;
    const char* type_name() const noexcept override { return "sqlite3.Error"; }
};
class DatabaseError : public Error {
  public:
    using Error::Error;
    const char* type_name() const noexcept override { return "sqlite3.DatabaseError"; }
};
class OperationalError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
    const char* type_name() const noexcept override { return "sqlite3.OperationalError"; }
};
class IntegrityError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
    const char* type_name() const noexcept override { return "sqlite3.IntegrityError"; }
};
class ProgrammingError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
    const char* type_name() const noexcept override { return "sqlite3.ProgrammingError"; }
};

// NULL, INTEGER, REAL, TEXT (a BLOB reads as text too): None, int, float, str in Python.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Row = std::vector<Value>;
using Params = std::vector<Value>;

// Python's repr: None, 42, 1.5, 'apple'; a row as a tuple: (1, 'apple'), (7,).
std::string repr(const Value& value);
std::string repr(const Row& row);

namespace detail {
struct ConnectionState;
struct CursorState;
}  // namespace detail

class Cursor {
  public:
    asyncio::Coroutine<std::optional<Row>> fetchone();
    asyncio::Coroutine<std::vector<Row>> fetchmany(std::size_t size = 1);
    asyncio::Coroutine<std::vector<Row>> fetchall();
    // Rows changed by the last INSERT/UPDATE/DELETE (executemany: all of them); -1 otherwise.
    std::int64_t rowcount() const noexcept;
    std::int64_t lastrowid() const noexcept;
    asyncio::Coroutine<> close();

    void aenter() const noexcept {}
    asyncio::Coroutine<bool> aexit(const std::exception_ptr& error);

  private:
    friend class Connection;
    explicit Cursor(std::shared_ptr<detail::CursorState> state) noexcept
        : state_(std::move(state)) {}
    std::shared_ptr<detail::CursorState> state_;
};

class Connection {
  public:
    asyncio::Coroutine<Cursor> execute(std::string sql, Params params = {});
    asyncio::Coroutine<Cursor> executemany(std::string sql, std::vector<Params> rows);
    // Commits first, then runs several statements at once (no parameters).
    asyncio::Coroutine<> executescript(std::string sql);
    asyncio::Coroutine<> commit();
    asyncio::Coroutine<> rollback();
    // Drops an uncommitted transaction, closes the database and ends the worker thread.
    asyncio::Coroutine<> close();

    // async with aiosqlite.connect(path) as db: closes on the way out.
    void aenter() const noexcept {}
    asyncio::Coroutine<bool> aexit(const std::exception_ptr& error);

  private:
    friend asyncio::Coroutine<Connection> connect(std::string path);
    explicit Connection(std::shared_ptr<detail::ConnectionState> state) noexcept
        : state_(std::move(state)) {}
    std::shared_ptr<detail::ConnectionState> state_;
};

// Opens (creating when missing) the database at `path`; ":memory:" for one in memory.
asyncio::Coroutine<Connection> connect(std::string path);

}  // namespace aiosqlite
