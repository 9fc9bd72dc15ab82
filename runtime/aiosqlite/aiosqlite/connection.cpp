#include <sqlite3.h>

#include <cctype>
#include <utility>

#include "aiosqlite/aiosqlite.hpp"
#include "aiosqlite/worker.hpp"

namespace aiosqlite {

namespace detail {

// What only the worker thread touches: the database handle.
struct Database {
    sqlite3* db = nullptr;
};

// A prepared statement and the row it stepped to but nobody fetched yet (Python's sqlite3
// steps once in execute, then on each fetch). Used on the worker; freed wherever the last
// owner lets go (SQLite's serialized mode allows that).
struct Statement {
    sqlite3_stmt* stmt = nullptr;
    std::optional<Row> next;
    ~Statement() {
        if (stmt) sqlite3_finalize(stmt);
    }
};

// A connection as the loop thread holds it. Jobs capture only `database` (raw: the worker
// is joined before it goes) and statements, never this object, so it is never destroyed on
// its own worker thread.
struct ConnectionState {
    std::unique_ptr<Database> database = std::make_unique<Database>();
    std::unique_ptr<Worker> worker = std::make_unique<Worker>();
    bool closed = false;

    ~ConnectionState() {
        if (!worker) return;
        Database* d = database.get();
        worker->post([d] {
            sqlite3_close_v2(d->db);  // an open transaction is rolled back, as Python does
            d->db = nullptr;
        });
        worker.reset();  // runs that job, then joins
    }
    void check_open() const {
        if (closed || !worker) throw ProgrammingError("Cannot operate on a closed database.");
    }
};

struct Executed {
    std::shared_ptr<Statement> statement;
    std::int64_t rowcount = -1;
    std::int64_t lastrowid = 0;
};

struct CursorState {
    CursorState(std::shared_ptr<ConnectionState> c, Executed e)
        : connection(std::move(c)),
          statement(std::move(e.statement)),
          rowcount(e.rowcount),
          lastrowid(e.lastrowid) {}
    std::shared_ptr<ConnectionState> connection;
    std::shared_ptr<Statement> statement;
    std::int64_t rowcount;
    std::int64_t lastrowid;
    bool closed = false;

    void check_open() const {
        connection->check_open();
        if (closed) throw ProgrammingError("Cannot operate on a closed cursor.");
    }
};

namespace {

// The exception class Python's sqlite3 chooses for an SQLite result code.
[[noreturn]] void raise_sqlite(int rc, const std::string& message) {
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH:
            throw IntegrityError(message);
        case SQLITE_MISUSE:
        case SQLITE_RANGE:
            throw ProgrammingError(message);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw DatabaseError(message);
        default:
            throw OperationalError(message);
    }
}

[[noreturn]] void raise_sqlite(sqlite3* db, int rc) {
    raise_sqlite(rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

void exec(sqlite3* db, const std::string& sql) {
    if (int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); rc != SQLITE_OK)
        raise_sqlite(db, rc);
}

// The first keyword, upper-cased, after spaces and comments.
std::string first_keyword(const std::string& sql) {
    std::size_t i = 0;
    for (;;) {
        while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
        if (sql.compare(i, 2, "--") == 0) {
            i = sql.find('\n', i);
            if (i == std::string::npos) return {};
        } else if (sql.compare(i, 2, "/*") == 0) {
            i = sql.find("*/", i);
            if (i == std::string::npos) return {};
            i += 2;
        } else {
            break;
        }
    }
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return word;
}

bool is_dml(const std::string& sql) {
    const std::string word = first_keyword(sql);
    return word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "REPLACE";
}

// Python 3.11's implicit transactions: a data change opens one when none is open.
void begin_if_needed(sqlite3* db, const std::string& sql) {
    if (is_dml(sql) && sqlite3_get_autocommit(db)) exec(db, "BEGIN");
}

sqlite3_stmt* prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, &tail); rc != SQLITE_OK)
        raise_sqlite(db, rc);
    for (; tail && *tail; ++tail) {
        if (*tail == ';' || std::isspace(static_cast<unsigned char>(*tail))) continue;
        sqlite3_finalize(stmt);
        throw ProgrammingError("You can only execute one statement at a time.");
    }
    return stmt;
}

void bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params) {
    const int wanted = sqlite3_bind_parameter_count(stmt);
    if (wanted != static_cast<int>(params.size()))
        throw ProgrammingError(
            "Incorrect number of bindings supplied. The current statement uses " +
            std::to_string(wanted) + ", and there are " + std::to_string(params.size()) +
            " supplied.");
    for (int i = 0; i < wanted; ++i) {
        const Value& v = params[static_cast<std::size_t>(i)];
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(v))
            rc = sqlite3_bind_null(stmt, i + 1);
        else if (auto* n = std::get_if<std::int64_t>(&v))
            rc = sqlite3_bind_int64(stmt, i + 1, *n);
        else if (auto* x = std::get_if<double>(&v))
            rc = sqlite3_bind_double(stmt, i + 1, *x);
        else {
            const auto& s = std::get<std::string>(v);
            rc = sqlite3_bind_text(stmt, i + 1, s.data(), static_cast<int>(s.size()),
                                   SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) raise_sqlite(db, rc);
    }
}

Row read_row(sqlite3_stmt* stmt) {
    Row row;
    const int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                row.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
                break;
            case SQLITE_FLOAT:
                row.emplace_back(sqlite3_column_double(stmt, c));
                break;
            case SQLITE_NULL:
                row.emplace_back(nullptr);
                break;
            default: {
                const auto* text = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                const int size = sqlite3_column_bytes(stmt, c);
                row.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(size)));
            }
        }
    }
    return row;
}

// One step: the next row, or none when the statement is done (then it is reset).
void advance(sqlite3* db, Statement& s) {
    s.next.reset();
    if (!s.stmt) return;
    const int rc = sqlite3_step(s.stmt);
    if (rc == SQLITE_ROW) {
        s.next = read_row(s.stmt);
        return;
    }
    sqlite3_reset(s.stmt);
    if (rc != SQLITE_DONE) raise_sqlite(db, rc);
}

std::vector<Row> take_rows(sqlite3* db, Statement& s, std::optional<std::size_t> at_most) {
    std::vector<Row> rows;
    while (s.next && (!at_most || rows.size() < *at_most)) {
        rows.push_back(std::move(*s.next));
        advance(db, s);
    }
    return rows;
}

}  // namespace
}  // namespace detail

using detail::on_worker;

asyncio::Coroutine<Connection> connect(std::string path) {
    auto state = std::make_shared<detail::ConnectionState>();
    detail::Database* database = state->database.get();
    auto job = [database, path] {
        sqlite3* db = nullptr;
        const int rc =
            sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
            sqlite3_close_v2(db);
            detail::raise_sqlite(rc, message);
        }
        database->db = db;
        return true;
    };
    co_await on_worker<bool>(*state->worker, std::move(job));
    co_return Connection(std::move(state));
}

asyncio::Coroutine<Cursor> Connection::execute(std::string sql, Params params) {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->database.get();
    auto job = [database, sql = std::move(sql), params = std::move(params)] {
        sqlite3* db = database->db;
        detail::begin_if_needed(db, sql);
        auto statement = std::make_shared<detail::Statement>();
        statement->stmt = detail::prepare(db, sql);
        if (statement->stmt) detail::bind(db, statement->stmt, params);
        detail::advance(db, *statement);
        return detail::Executed{statement, detail::is_dml(sql) ? sqlite3_changes64(db) : -1,
                                sqlite3_last_insert_rowid(db)};
    };
    auto executed = co_await on_worker<detail::Executed>(*state->worker, std::move(job));
    co_return Cursor(std::make_shared<detail::CursorState>(state, std::move(executed)));
}

asyncio::Coroutine<Cursor> Connection::executemany(std::string sql, std::vector<Params> rows) {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->database.get();
    auto job = [database, sql = std::move(sql), rows = std::move(rows)] {
        sqlite3* db = database->db;
        if (!detail::is_dml(sql))
            throw ProgrammingError("executemany() can only execute DML statements.");
        detail::begin_if_needed(db, sql);
        auto statement = std::make_shared<detail::Statement>();
        statement->stmt = detail::prepare(db, sql);
        std::int64_t changed = 0;
        for (const auto& params : rows) {
            detail::bind(db, statement->stmt, params);
            detail::advance(db, *statement);
            if (statement->next) detail::advance(db, *statement);  // RETURNING: ignored
            changed += sqlite3_changes64(db);
            sqlite3_reset(statement->stmt);
            sqlite3_clear_bindings(statement->stmt);
        }
        statement->next.reset();
        return detail::Executed{statement, changed, sqlite3_last_insert_rowid(db)};
    };
    auto executed = co_await on_worker<detail::Executed>(*state->worker, std::move(job));
    co_return Cursor(std::make_shared<detail::CursorState>(state, std::move(executed)));
}

asyncio::Coroutine<> Connection::executescript(std::string sql) {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->database.get();
    auto job = [database, sql = std::move(sql)] {
        if (!sqlite3_get_autocommit(database->db)) detail::exec(database->db, "COMMIT");
        detail::exec(database->db, sql);
        return true;
    };
    co_await on_worker<bool>(*state->worker, std::move(job));
}

asyncio::Coroutine<> Connection::commit() {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->database.get();
    auto job = [database] {
        if (!sqlite3_get_autocommit(database->db)) detail::exec(database->db, "COMMIT");
        return true;
    };
    co_await on_worker<bool>(*state->worker, std::move(job));
}

asyncio::Coroutine<> Connection::rollback() {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->database.get();
    auto job = [database] {
        if (!sqlite3_get_autocommit(database->db)) detail::exec(database->db, "ROLLBACK");
        return true;
    };
    co_await on_worker<bool>(*state->worker, std::move(job));
}

asyncio::Coroutine<> Connection::close() {
    auto state = state_;
    if (state->closed) co_return;
    state->closed = true;
    detail::Database* database = state->database.get();
    auto job = [database] {
        const int rc = sqlite3_close_v2(database->db);
        database->db = nullptr;
        return rc;
    };
    const int rc = co_await on_worker<int>(*state->worker, std::move(job));
    state->worker.reset();  // the thread ends with the connection, as aiosqlite's does
    if (rc != SQLITE_OK) detail::raise_sqlite(rc, sqlite3_errstr(rc));
}

asyncio::Coroutine<bool> Connection::aexit(const std::exception_ptr&) {
    co_await Connection(state_).close();
    co_return false;
}

asyncio::Coroutine<std::optional<Row>> Cursor::fetchone() {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->connection->database.get();
    auto job = [database, statement = state->statement]() -> std::optional<Row> {
        auto rows = detail::take_rows(database->db, *statement, 1);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    };
    co_return co_await on_worker<std::optional<Row>>(*state->connection->worker, std::move(job));
}

asyncio::Coroutine<std::vector<Row>> Cursor::fetchmany(std::size_t size) {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->connection->database.get();
    auto job = [database, statement = state->statement, size] {
        return detail::take_rows(database->db, *statement, size);
    };
    co_return co_await on_worker<std::vector<Row>>(*state->connection->worker, std::move(job));
}

asyncio::Coroutine<std::vector<Row>> Cursor::fetchall() {
    auto state = state_;
    state->check_open();
    detail::Database* database = state->connection->database.get();
    auto job = [database, statement = state->statement] {
        return detail::take_rows(database->db, *statement, std::nullopt);
    };
    co_return co_await on_worker<std::vector<Row>>(*state->connection->worker, std::move(job));
}

std::int64_t Cursor::rowcount() const noexcept {
    return state_->rowcount;
}

std::int64_t Cursor::lastrowid() const noexcept {
    return state_->lastrowid;
}

asyncio::Coroutine<> Cursor::close() {
    auto state = state_;
    if (state->closed) co_return;
    state->closed = true;
    if (state->connection->closed || !state->connection->worker) co_return;
    // Finalized on the worker, between the connection's other jobs.
    auto job = [statement = std::move(state->statement)]() mutable {
        statement.reset();
        return true;
    };
    co_await on_worker<bool>(*state->connection->worker, std::move(job));
}

asyncio::Coroutine<bool> Cursor::aexit(const std::exception_ptr&) {
    co_await Cursor(state_).close();
    co_return false;
}

}  // namespace aiosqlite
