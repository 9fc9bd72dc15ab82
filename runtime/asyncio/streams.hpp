#pragma once
// asyncio's streams over libuv TCP: open_connection, start_server, StreamReader, StreamWriter
// and Server, with CPython's names and semantics (asyncio/streams.py).
//
//     auto server = co_await asyncio::start_server(handle_client);  // 127.0.0.1, a free port
//     auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
//     writer.write("hello\n");
//     co_await writer.drain();
//     std::string line = co_await reader.readline();
//     writer.close();
//     co_await writer.wait_closed();
//
// Bytes are std::string. A reader buffers at most about twice its limit (64 KiB by
// default) before it stops reading from the socket; a writer's drain() waits while libuv's
// write queue holds more than the high-water mark (64 KiB), until it is back under the
// low-water mark (16 KiB). Every wait reaches the observer as on=WaitOn::io with detail "connect",
// "read", "write", "accept" or "close".
//
// Readers, writers and servers are handles: copies share one connection or server, which
// lives while any handle does (a coroutine keeps the handles it was given). They must not
// outlive the loop's run. Cancelling a task that waits in connect, read, drain or accept
// withdraws the wait; data that arrives later stays in the reader's buffer.
//
// Under the virtual clock a connect is waited for in real time (on loopback it takes no
// time); a read, a drain or an accept waits on a peer, which may itself wait for a timer, so
// the clock may jump while they wait. See DESIGN.md, "Virtual time with real I/O".
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asyncio/coroutine.hpp"
#include "asyncio/os_errors.hpp"

namespace asyncio {

// streams.py's _DEFAULT_LIMIT.
inline constexpr std::size_t stream_limit = 64 * 1024;

// An IP address and port, as get_extra_info("peername") gives ('127.0.0.1', 5000).
struct SocketAddress {
    std::string host;
    int port = 0;
    bool operator==(const SocketAddress&) const = default;
    // "('127.0.0.1', 5000)", as Python prints the tuple.
    std::string to_string() const;
};

namespace detail {
struct ReaderCore;
class StreamConnection;
class ServerCore;
}  // namespace detail

class StreamReader;
class StreamWriter;
class Server;
using ClientConnected = std::function<Coroutine<>(StreamReader, StreamWriter)>;

// asyncio.open_connection(host, port, limit=...). host: an IPv4 or IPv6 address, or
// "localhost". ConnectionRefusedError when nothing listens there.
Coroutine<std::pair<StreamReader, StreamWriter>> open_connection(std::string host, int port,
                                                                 std::size_t limit = stream_limit);

// asyncio.start_server(handler, host, port): listening once it returns; the handler runs as a
// task of its own for each client. Port 0 asks the system for a free port (server.port()).
// Name a lambda that captures by value before passing it (auto handler = [...]; co_await
// start_server(handler)): GCC 12 destroys such a temporary twice inside a co_await.
Coroutine<Server> start_server(ClientConnected handler, std::string host = "127.0.0.1",
                               int port = 0, std::size_t limit = stream_limit, int backlog = 100);

class StreamReader {
  public:
    // A reader of its own, fed by hand (feed_data, feed_eof), as StreamReader() in Python.
    explicit StreamReader(std::size_t limit = stream_limit);

    // Up to n bytes, at least one unless at EOF ("" then); n < 0 reads until EOF.
    Coroutine<std::string> read(std::ptrdiff_t n = -1);
    // One line with its "\n"; at EOF the partial last line (maybe ""). ValueError when the
    // line is longer than the limit (the buffer drops it, as Python's does).
    Coroutine<std::string> readline();
    // Up to and including `separator`. IncompleteReadError at EOF (partial = what came);
    // LimitOverrunError when the separator is not within the limit (the data stays).
    Coroutine<std::string> readuntil(std::string separator = "\n");
    // Exactly n bytes; IncompleteReadError when EOF comes first.
    Coroutine<std::string> readexactly(std::ptrdiff_t n);
    // EOF was received and the buffer is empty.
    bool at_eof() const noexcept;

    void feed_data(std::string_view data);
    void feed_eof();
    void set_exception(std::exception_ptr error);
    std::exception_ptr exception() const noexcept;
    std::size_t limit() const noexcept;
    // Bytes received and not yet read (len(reader._buffer)).
    std::size_t buffered() const noexcept;

  private:
    friend class detail::ServerCore;
    friend Coroutine<std::pair<StreamReader, StreamWriter>> open_connection(std::string, int,
                                                                            std::size_t);
    StreamReader(std::shared_ptr<detail::ReaderCore> core, std::shared_ptr<void> keep) noexcept
        : core_(std::move(core)), keep_(std::move(keep)) {}
    std::shared_ptr<detail::ReaderCore> core_;
    std::shared_ptr<void> keep_;  // the connection feeding this reader
};

class StreamWriter {
  public:
    // Sends now as much as the socket takes; the rest waits in libuv's queue. Writing to a
    // closed or lost connection is ignored, as the transport does; drain() reports it.
    void write(std::string_view data);
    void writelines(const std::vector<std::string>& lines);
    bool can_write_eof() const noexcept { return true; }
    // Half-closes: the peer reads EOF, we may still read. RuntimeError on write() after.
    void write_eof();
    // Waits while the write queue is above the high-water mark (back-pressure). Raises the
    // connection's error when it was lost (ConnectionResetError, BrokenPipeError, ...).
    Coroutine<> drain();
    // Closes after the queued data is sent; the reader of this connection sees EOF.
    void close();
    bool is_closing() const noexcept;
    // Until the connection is closed; raises the error that ended it, if any.
    Coroutine<> wait_closed();

    // "peername" or "sockname"; nothing for other names or when unknown.
    std::optional<SocketAddress> get_extra_info(std::string_view name) const;
    // Bytes in libuv's write queue (not yet taken by the socket).
    std::size_t get_write_buffer_size() const noexcept;
    // transport.set_write_buffer_limits(high, low): low defaults to high / 4.
    void set_write_buffer_limits(std::size_t high, std::optional<std::size_t> low = {});
    std::pair<std::size_t, std::size_t> get_write_buffer_limits() const noexcept;

    // async with writer: (3.11 has no such thing; this one closes and waits, for scopes.)
    void aenter() const noexcept {}
    Coroutine<bool> aexit(const std::exception_ptr& error);

  private:
    friend class detail::ServerCore;
    friend Coroutine<std::pair<StreamReader, StreamWriter>> open_connection(std::string, int,
                                                                            std::size_t);
    explicit StreamWriter(std::shared_ptr<detail::StreamConnection> connection) noexcept
        : connection_(std::move(connection)) {}
    std::shared_ptr<detail::StreamConnection> connection_;
};

class Server {
  public:
    // The addresses it listens on (server.sockets[i].getsockname()).
    std::vector<SocketAddress> sockets() const;
    // The port of the first of them: the free port the system chose for port 0.
    int port() const;
    bool is_serving() const noexcept;
    // Stops listening; connections already accepted go on until their handlers close them.
    void close();
    // Until closed and every accepted connection has been closed.
    Coroutine<> wait_closed();
    // Until cancelled (then closes and waits as wait_closed), waiting on "accept".
    Coroutine<> serve_forever();

    // async with server: close and wait_closed on the way out.
    void aenter() const noexcept {}
    Coroutine<bool> aexit(const std::exception_ptr& error);

  private:
    friend Coroutine<Server> start_server(ClientConnected, std::string, int, std::size_t, int);
    explicit Server(std::shared_ptr<detail::ServerCore> core) noexcept : core_(std::move(core)) {}
    std::shared_ptr<detail::ServerCore> core_;
};

}  // namespace asyncio
