#include "asyncio/streams.hpp"

#include <uv.h>

#include <csignal>
#include <cstring>
#include <mutex>

#include "asyncio/detail/io_wait.hpp"
#include "asyncio/detail/uv_handle.hpp"
#include "asyncio/diagnostics.hpp"
#include "asyncio/sleep.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

namespace {

// A write to a socket the peer has closed must fail with EPIPE, not kill the process, as
// Python ignores SIGPIPE at start-up.
void ignore_sigpipe() {
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

sockaddr_storage resolve(const std::string& host, int port) {
    if (port < 0 || port > 65535) throw ValueError("port must be 0-65535.");
    const std::string name = host.empty() || host == "localhost" ? "127.0.0.1" : host;
    sockaddr_storage address{};
    if (uv_ip4_addr(name.c_str(), port, reinterpret_cast<sockaddr_in*>(&address)) == 0)
        return address;
    if (uv_ip6_addr(name.c_str(), port, reinterpret_cast<sockaddr_in6*>(&address)) == 0)
        return address;
    // socket.gaierror's words; names other than localhost would need a resolver, and the
    // lessons stay on loopback.
    throw OSError(-2, "Name or service not known", host);
}

std::optional<SocketAddress> to_address(const sockaddr_storage& storage) {
    char text[64] = {};
    if (storage.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(storage);
        uv_ip4_name(&in, text, sizeof text);
        return SocketAddress{text, ntohs(in.sin_port)};
    }
    if (storage.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(storage);
        uv_ip6_name(&in6, text, sizeof text);
        return SocketAddress{text, ntohs(in6.sin6_port)};
    }
    return std::nullopt;
}

std::optional<SocketAddress> address_of(const uv_tcp_t* tcp, bool peer) {
    sockaddr_storage storage{};
    int length = sizeof storage;
    const int rc = peer ? uv_tcp_getpeername(tcp, reinterpret_cast<sockaddr*>(&storage), &length)
                        : uv_tcp_getsockname(tcp, reinterpret_cast<sockaddr*>(&storage), &length);
    if (rc < 0) return std::nullopt;
    return to_address(storage);
}

}  // namespace

std::string SocketAddress::to_string() const {
    return "('" + host + "', " + std::to_string(port) + ")";
}

namespace detail {

// ------------------------------------------------------------------------------- the reader

// StreamReader's state: the buffer and at most one waiting coroutine, as streams.py keeps them.
struct ReaderCore {
    explicit ReaderCore(std::size_t l) : limit(l) {
        if (limit == 0) throw ValueError("Limit cannot be <= 0");
    }

    std::string buffer;
    std::size_t limit;
    bool eof = false;
    bool paused = false;  // the transport was told to stop reading: the buffer is full
    std::exception_ptr error;
    std::shared_ptr<FutureState<void>> waiter;
    StreamConnection* transport = nullptr;  // the connection feeding us, while it lives

    void wakeup_waiter() {
        if (auto w = std::exchange(waiter, nullptr); w && !w->done()) w->set_result();
    }
    void feed_data(std::string_view data);
    void feed_eof() {
        eof = true;
        wakeup_waiter();
    }
    void set_exception(std::exception_ptr e) {
        error = e;
        if (auto w = std::exchange(waiter, nullptr); w && !w->done()) w->set_exception(e);
    }
    void maybe_resume_transport();
    void rethrow_if_failed() const {
        if (error) std::rethrow_exception(error);
    }
    std::string take(std::size_t n) {
        std::string data = buffer.substr(0, n);
        buffer.erase(0, n);
        maybe_resume_transport();
        return data;
    }
    Coroutine<> wait_for_data(const char* function);
};

// ----------------------------------------------------------------------------- a connection

// One TCP connection: the transport and StreamReaderProtocol of asyncio in one object. The
// libuv handle points back to it; its destructor closes the handle, after which libuv calls
// no read callback, and the requests still queued (writes, shutdown) find it through a weak
// pointer or keep it alive themselves.
class StreamConnection : public std::enable_shared_from_this<StreamConnection> {
  public:
    StreamConnection(EventLoop& loop, std::size_t limit)
        : reader(std::make_shared<ReaderCore>(limit)),
          closed(io_future(loop, "close")),
          loop_(&loop) {
        tcp_.init(uv_tcp_init(loop.uv(), tcp_.get()), "uv_tcp_init");
        tcp_.set_owner(this);
        reader->transport = this;
    }
    ~StreamConnection();
    StreamConnection(const StreamConnection&) = delete;
    StreamConnection& operator=(const StreamConnection&) = delete;

    EventLoop& loop() const noexcept { return *loop_; }
    uv_tcp_t* tcp() const noexcept { return tcp_.get(); }
    uv_stream_t* stream() const noexcept { return reinterpret_cast<uv_stream_t*>(tcp_.get()); }

    // The socket is connected (or accepted): remember both ends and start reading.
    void connected();
    void pause_reading() noexcept;
    void resume_reading();
    void write(std::string_view data);
    void write_eof();
    void close();
    void force_close(std::exception_ptr error);
    bool is_closing() const noexcept { return closing_; }
    bool lost() const noexcept { return lost_; }
    std::size_t write_queue_size() const noexcept {
        return tcp_ ? uv_stream_get_write_queue_size(stream()) : 0;
    }
    void set_write_buffer_limits(std::size_t high_mark, std::size_t low_mark) {
        high = high_mark;
        low = low_mark;
        maybe_pause_writing();
    }

    std::shared_ptr<ReaderCore> reader;
    std::shared_ptr<FutureState<void>> closed;  // set when the connection is lost
    std::vector<std::shared_ptr<FutureState<void>>> drain_waiters;
    std::size_t high = 64 * 1024;
    std::size_t low = 16 * 1024;
    bool write_paused = false;  // the write queue is above `high`: drain() must wait
    std::optional<SocketAddress> peername;
    std::optional<SocketAddress> sockname;
    std::weak_ptr<ServerCore> server;

  private:
    struct WriteRequest {
        uv_write_t req;
        std::string data;
        std::weak_ptr<StreamConnection> connection;
    };
    struct ShutdownRequest {
        uv_shutdown_t req;
        std::shared_ptr<StreamConnection> connection;  // the queued data must go out first
    };

    void start_reading();
    void start_shutdown();
    void data_received(const std::string& data);
    void connection_lost(std::exception_ptr error);
    void maybe_pause_writing() noexcept;
    void maybe_resume_writing();
    void detach_from_server() noexcept;
    static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf);
    static void on_written(uv_write_t* req, int status);
    static void on_shutdown(uv_shutdown_t* req, int status);

    EventLoop* loop_;
    UvHandle<uv_tcp_t> tcp_;
    int pending_writes_ = 0;
    bool reading_ = false;
    bool eof_received_ = false;
    bool eof_written_ = false;
    bool shutting_down_ = false;
    bool close_after_shutdown_ = false;
    bool closing_ = false;
    bool lost_ = false;
};

// ---------------------------------------------------------------------------------- a server

class ServerCore : public std::enable_shared_from_this<ServerCore> {
  public:
    ServerCore(EventLoop& loop, ClientConnected handler, std::size_t limit)
        : loop_(&loop), handler_(std::move(handler)), limit_(limit) {
        listener_.init(uv_tcp_init(loop.uv(), listener_.get()), "uv_tcp_init");
        listener_.set_owner(this);
    }

    void listen(const sockaddr_storage& address, int backlog);
    void close();
    void detach() noexcept;
    Coroutine<> wait_closed();
    Coroutine<> serve_forever();
    bool is_serving() const noexcept { return !closed_; }
    const std::vector<SocketAddress>& sockets() const noexcept { return sockets_; }

  private:
    static void on_connection(uv_stream_t* listener, int status);
    void accept();
    void wake_up();

    EventLoop* loop_;
    ClientConnected handler_;
    std::size_t limit_;
    UvHandle<uv_tcp_t> listener_;
    std::optional<ExternalWork> listening_;  // a client may come from anywhere meanwhile
    std::vector<SocketAddress> sockets_;
    bool closed_ = false;
    int active_ = 0;
    bool woken_ = false;  // Python's `_waiters is None`
    std::vector<std::shared_ptr<FutureState<void>>> waiters_;
    std::shared_ptr<FutureState<void>> serving_forever_;
};

// ------------------------------------------------------------------------ reader, continued

void ReaderCore::feed_data(std::string_view data) {
    if (data.empty()) return;
    buffer.append(data);
    wakeup_waiter();
    if (transport && !paused && buffer.size() > 2 * limit) {
        transport->pause_reading();
        paused = true;
    }
}

void ReaderCore::maybe_resume_transport() {
    if (paused && buffer.size() <= limit) {
        paused = false;
        if (transport) transport->resume_reading();
    }
}

Coroutine<> ReaderCore::wait_for_data(const char* function) {
    if (waiter)
        throw RuntimeError(std::string(function) +
                           "() called while another coroutine is already waiting for incoming "
                           "data");
    if (paused) {
        paused = false;
        if (transport) transport->resume_reading();
    }
    EventLoop& loop = EventLoop::current();
    auto future = io_future(loop, "read");
    waiter = future;
    // A reader fed by hand has nobody outside to wake it: no external work then.
    std::optional<ExternalWork> outside;
    if (transport) outside.emplace(loop, false);
    try {
        co_await io_wait(*future);
    } catch (...) {
        if (waiter == future) waiter = nullptr;
        throw;
    }
    if (waiter == future) waiter = nullptr;
}

// -------------------------------------------------------------------- connection, continued

StreamConnection::~StreamConnection() {
    reader->transport = nullptr;
    if (!lost_) detach_from_server();
    // tcp_'s destructor closes the handle; its memory goes in the close callback.
}

void StreamConnection::connected() {
    peername = address_of(tcp(), true);
    sockname = address_of(tcp(), false);
    start_reading();
}

void StreamConnection::start_reading() {
    auto on_alloc = [](uv_handle_t*, std::size_t suggested, uv_buf_t* buf) {
        buf->base = new char[suggested];
        buf->len = suggested;
    };
    check_uv(uv_read_start(stream(), on_alloc, on_read), "uv_read_start");
    reading_ = true;
}

void StreamConnection::pause_reading() noexcept {
    if (!reading_ || lost_) return;
    uv_read_stop(stream());
    reading_ = false;
}

void StreamConnection::resume_reading() {
    if (reading_ || closing_ || lost_ || eof_received_) return;
    start_reading();
}

void StreamConnection::on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
    std::unique_ptr<char[]> owned(buf->base);
    auto* self = owner_of<StreamConnection>(stream);
    if (nread == 0) return;  // nothing this time (EAGAIN)
    // As the selector loop does: the protocol sees the data in a callback of this pass, so
    // a reader waiting for it resumes at the next one, the same hop as in Python.
    std::weak_ptr<StreamConnection> weak = self->weak_from_this();
    if (nread > 0) {
        self->loop().call_soon(
            [weak, data = std::string(buf->base, static_cast<std::size_t>(nread))] {
                if (auto connection = weak.lock()) connection->data_received(data);
            });
        return;
    }
    uv_read_stop(stream);
    self->reading_ = false;
    if (nread == UV_EOF) {
        self->eof_received_ = true;
        // eof_received() keeps the connection open: we may still write (a half-close).
        self->loop().call_soon([weak] {
            if (auto connection = weak.lock()) connection->reader->feed_eof();
        });
        return;
    }
    self->loop().call_soon([weak, error = os_error_from_uv(static_cast<int>(nread))] {
        if (auto connection = weak.lock()) connection->force_close(error);
    });
}

void StreamConnection::data_received(const std::string& data) {
    if (!lost_) reader->feed_data(data);
}

void StreamConnection::write(std::string_view data) {
    if (eof_written_) throw RuntimeError("Cannot call write() after write_eof()");
    if (data.empty() || closing_ || lost_) return;
    auto* request = new WriteRequest{{}, std::string(data), weak_from_this()};
    request->req.data = request;
    uv_buf_t buf = uv_buf_init(request->data.data(), static_cast<unsigned>(request->data.size()));
    if (int rc = uv_write(&request->req, stream(), &buf, 1, on_written); rc < 0) {
        delete request;
        // Reported the way a failed send is: the connection is lost, drain() raises.
        std::weak_ptr<StreamConnection> weak = weak_from_this();
        loop().call_soon([weak, error = os_error_from_uv(rc)] {
            if (auto connection = weak.lock()) connection->force_close(error);
        });
        return;
    }
    ++pending_writes_;
    maybe_pause_writing();
}

void StreamConnection::on_written(uv_write_t* req, int status) {
    std::unique_ptr<WriteRequest> owned(static_cast<WriteRequest*>(req->data));
    auto self = owned->connection.lock();
    if (!self) return;
    --self->pending_writes_;
    if (status == UV_ECANCELED) return;  // the handle was closed under it
    if (status < 0) {
        self->force_close(os_error_from_uv(status));
        return;
    }
    self->maybe_resume_writing();
}

void StreamConnection::maybe_pause_writing() noexcept {
    if (!write_paused && write_queue_size() > high) write_paused = true;
}

void StreamConnection::maybe_resume_writing() {
    if (!write_paused || write_queue_size() > low) return;
    write_paused = false;
    for (auto& waiter : drain_waiters)
        if (!waiter->done()) waiter->set_result();
}

void StreamConnection::write_eof() {
    if (closing_ || eof_written_) return;
    eof_written_ = true;
    start_shutdown();
}

void StreamConnection::start_shutdown() {
    auto* request = new ShutdownRequest{{}, shared_from_this()};
    request->req.data = request;
    if (uv_shutdown(&request->req, stream(), on_shutdown) < 0) {
        delete request;
        if (close_after_shutdown_) {
            std::weak_ptr<StreamConnection> weak = weak_from_this();
            loop().call_soon([weak] {
                if (auto connection = weak.lock()) connection->connection_lost(nullptr);
            });
        }
        return;
    }
    shutting_down_ = true;
}

void StreamConnection::on_shutdown(uv_shutdown_t* req, int status) {
    std::unique_ptr<ShutdownRequest> owned(static_cast<ShutdownRequest*>(req->data));
    auto& self = owned->connection;
    self->shutting_down_ = false;
    if (!self->close_after_shutdown_) return;
    const bool failed = status < 0 && status != UV_ECANCELED;
    self->connection_lost(failed ? os_error_from_uv(status) : nullptr);
}

void StreamConnection::close() {
    if (closing_) return;
    closing_ = true;
    pause_reading();
    if (shutting_down_) {  // write_eof's shutdown is sending the queue: close after it
        close_after_shutdown_ = true;
        return;
    }
    if (pending_writes_ > 0 && !eof_written_) {
        // As the transport does: what was written still goes out, then the socket closes.
        close_after_shutdown_ = true;
        start_shutdown();
        return;
    }
    std::weak_ptr<StreamConnection> weak = weak_from_this();
    loop().call_soon([weak] {
        if (auto connection = weak.lock()) connection->connection_lost(nullptr);
    });
}

void StreamConnection::force_close(std::exception_ptr error) {
    closing_ = true;
    pause_reading();
    connection_lost(error);
}

void StreamConnection::connection_lost(std::exception_ptr error) {
    if (lost_) return;
    lost_ = true;
    closing_ = true;
    reading_ = false;
    if (loop_->is_closed()) {  // the tasks that could be waiting are gone: only free the handle
        tcp_.close();
        return;
    }
    if (error)
        reader->set_exception(error);
    else
        reader->feed_eof();
    for (auto& waiter : drain_waiters) {
        if (waiter->done()) continue;
        if (error)
            waiter->set_exception(error);
        else
            waiter->set_result();
    }
    if (!closed->done()) {
        if (error) {
            closed->set_exception(error);
            closed->mark_retrieved();  // as StreamReaderProtocol.__del__ does
        } else {
            closed->set_result();
        }
    }
    tcp_.close();
    detach_from_server();
}

void StreamConnection::detach_from_server() noexcept {
    if (auto s = std::exchange(server, {}).lock()) s->detach();
}

// ------------------------------------------------------------------------ server, continued

void ServerCore::listen(const sockaddr_storage& address, int backlog) {
    const auto* where = reinterpret_cast<const sockaddr*>(&address);
    int rc = uv_tcp_bind(listener_.get(), where, 0);
    if (rc == 0)
        rc = uv_listen(reinterpret_cast<uv_stream_t*>(listener_.get()), backlog, on_connection);
    if (rc < 0) {
        const auto asked = to_address(address);
        std::rethrow_exception(make_os_error(-rc, {},
                                             "error while attempting to bind on address " +
                                                 (asked ? asked->to_string() : "?") + ": " +
                                                 uv_strerror(rc)));
    }
    if (auto bound = address_of(listener_.get(), false)) sockets_.push_back(*bound);
    listening_.emplace(*loop_, false);
}

void ServerCore::on_connection(uv_stream_t* listener, int status) {
    // An accept error is logged by Python and the server goes on; so do we, silently.
    if (status < 0) return;
    owner_of<ServerCore>(listener)->accept();
}

void ServerCore::accept() {
    auto connection = std::make_shared<StreamConnection>(*loop_, limit_);
    if (uv_accept(reinterpret_cast<uv_stream_t*>(listener_.get()), connection->stream()) < 0)
        return;
    connection->server = weak_from_this();
    ++active_;
    connection->connected();
    std::weak_ptr<StreamConnection> weak = connection;
    std::optional<Task<>> task;
    try {
        task.emplace(create_task(*loop_, handler_(StreamReader(connection->reader, connection),
                                                  StreamWriter(connection))));
    } catch (...) {  // the handler threw before it was a coroutine: as if its task had
        report_diagnostic(DiagnosticKind::callback_raised,
                          "Unhandled exception in client_connected_cb",
                          describe(std::current_exception()));
        connection->close();
        return;
    }
    // streams.py: an exception escaping the handler is reported and the connection closed.
    task->add_done_callback([weak](const Task<>& done) {
        if (done.cancelled()) return;
        if (auto error = done.exception()) {
            report_diagnostic(DiagnosticKind::callback_raised,
                              "Unhandled exception in client_connected_cb", describe(error));
            if (auto c = weak.lock()) c->close();
        }
    });
}

void ServerCore::close() {
    if (closed_) return;
    closed_ = true;
    listener_.close();
    listening_.reset();
    if (serving_forever_ && !serving_forever_->done()) serving_forever_->cancel();
    if (active_ == 0) wake_up();
}

void ServerCore::detach() noexcept {
    --active_;
    if (active_ == 0 && closed_) wake_up();
}

void ServerCore::wake_up() {
    if (woken_ || loop_->is_closed()) return;
    woken_ = true;
    for (auto& waiter : std::exchange(waiters_, {}))
        if (!waiter->done()) waiter->set_result();
}

Coroutine<> ServerCore::wait_closed() {
    if (woken_) co_return;
    auto self = shared_from_this();
    auto waiter = io_future(*loop_, "close");
    waiters_.push_back(waiter);
    ExternalWork outside(*loop_, false);
    co_await io_wait(*waiter);
}

Coroutine<> ServerCore::serve_forever() {
    auto self = shared_from_this();
    if (serving_forever_) throw RuntimeError("server is already being awaited on serve_forever()");
    if (closed_) throw RuntimeError("server is closed");
    serving_forever_ = io_future(*loop_, "accept");
    auto future = serving_forever_;
    std::exception_ptr error;
    try {
        co_await io_wait(*future);
    } catch (...) {
        error = std::current_exception();
    }
    serving_forever_ = nullptr;
    if (error && is_cancelled_error(error)) {
        close();
        co_await wait_closed();
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace detail

// ------------------------------------------------------------------------------ the handles

StreamReader::StreamReader(std::size_t limit)
    : core_(std::make_shared<detail::ReaderCore>(limit)) {}

Coroutine<std::string> StreamReader::read(std::ptrdiff_t n) {
    auto core = core_;
    auto keep = keep_;
    core->rethrow_if_failed();
    if (n == 0) co_return std::string();
    if (n < 0) {
        // Until EOF, a limit's worth at a time, as streams.py does.
        std::string all;
        for (;;) {
            std::string block =
                co_await StreamReader(core, keep).read(static_cast<std::ptrdiff_t>(core->limit));
            if (block.empty()) break;
            all += block;
        }
        co_return all;
    }
    if (core->buffer.empty() && !core->eof) co_await core->wait_for_data("read");
    co_return core->take(static_cast<std::size_t>(n));
}

Coroutine<std::string> StreamReader::readline() {
    auto core = core_;
    auto keep = keep_;
    try {
        co_return co_await StreamReader(core, keep).readuntil("\n");
    } catch (const IncompleteReadError& e) {
        co_return e.partial();
    } catch (const LimitOverrunError& e) {
        if (e.consumed() < core->buffer.size() && core->buffer[e.consumed()] == '\n')
            core->buffer.erase(0, e.consumed() + 1);
        else
            core->buffer.clear();
        core->maybe_resume_transport();
        throw ValueError(e.message());
    }
}

Coroutine<std::string> StreamReader::readuntil(std::string separator) {
    auto core = core_;
    auto keep = keep_;
    const std::size_t seplen = separator.size();
    if (seplen == 0) throw ValueError("Separator should be at least one-byte string");
    core->rethrow_if_failed();
    std::size_t offset = 0;
    std::size_t isep = std::string::npos;
    for (;;) {
        const std::size_t buflen = core->buffer.size();
        if (buflen >= offset + seplen) {
            isep = core->buffer.find(separator, offset);
            if (isep != std::string::npos) break;
            offset = buflen + 1 - seplen;
            if (offset > core->limit)
                throw LimitOverrunError("Separator is not found, and chunk exceed the limit",
                                        offset);
        }
        if (core->eof) {
            std::string chunk = std::exchange(core->buffer, {});
            throw IncompleteReadError(std::move(chunk), std::nullopt);
        }
        co_await core->wait_for_data("readuntil");
    }
    if (isep > core->limit)
        throw LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
    co_return core->take(isep + seplen);
}

Coroutine<std::string> StreamReader::readexactly(std::ptrdiff_t n) {
    auto core = core_;
    auto keep = keep_;
    if (n < 0) throw ValueError("readexactly size can not be less than zero");
    core->rethrow_if_failed();
    const auto wanted = static_cast<std::size_t>(n);
    if (wanted == 0) co_return std::string();
    while (core->buffer.size() < wanted) {
        if (core->eof) {
            std::string partial = std::exchange(core->buffer, {});
            throw IncompleteReadError(std::move(partial), wanted);
        }
        co_await core->wait_for_data("readexactly");
    }
    co_return core->take(wanted);
}

bool StreamReader::at_eof() const noexcept {
    return core_->eof && core_->buffer.empty();
}
void StreamReader::feed_data(std::string_view data) {
    core_->feed_data(data);
}
void StreamReader::feed_eof() {
    core_->feed_eof();
}
void StreamReader::set_exception(std::exception_ptr error) {
    core_->set_exception(std::move(error));
}
std::exception_ptr StreamReader::exception() const noexcept {
    return core_->error;
}
std::size_t StreamReader::limit() const noexcept {
    return core_->limit;
}
std::size_t StreamReader::buffered() const noexcept {
    return core_->buffer.size();
}

void StreamWriter::write(std::string_view data) {
    connection_->write(data);
}

void StreamWriter::writelines(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& line : lines) all += line;
    connection_->write(all);
}

void StreamWriter::write_eof() {
    connection_->write_eof();
}

Coroutine<> StreamWriter::drain() {
    auto connection = connection_;
    connection->reader->rethrow_if_failed();
    // A closing transport: one pass, so that connection_lost can run first (streams.py).
    if (connection->is_closing()) co_await sleep(0);
    if (connection->lost()) throw ConnectionResetError(ECONNRESET, "Connection lost");
    if (!connection->write_paused) co_return;
    EventLoop& loop = connection->loop();
    auto waiter = detail::io_future(loop, "write");
    connection->drain_waiters.push_back(waiter);
    detail::ExternalWork outside(loop, false);
    auto forget = [&] { std::erase(connection->drain_waiters, waiter); };
    try {
        co_await detail::io_wait(*waiter);
    } catch (...) {
        forget();
        throw;
    }
    forget();
}

void StreamWriter::close() {
    connection_->close();
}

bool StreamWriter::is_closing() const noexcept {
    return connection_->is_closing();
}

Coroutine<> StreamWriter::wait_closed() {
    auto connection = connection_;
    if (connection->closed->done()) {
        connection->closed->rethrow_if_failed();
        co_return;
    }
    detail::ExternalWork outside(connection->loop(), false);
    co_await detail::io_wait(*connection->closed);
}

std::optional<SocketAddress> StreamWriter::get_extra_info(std::string_view name) const {
    if (name == "peername") return connection_->peername;
    if (name == "sockname") return connection_->sockname;
    return std::nullopt;
}

std::size_t StreamWriter::get_write_buffer_size() const noexcept {
    return connection_->write_queue_size();
}

void StreamWriter::set_write_buffer_limits(std::size_t high, std::optional<std::size_t> low) {
    const std::size_t low_mark = low ? *low : high / 4;
    if (low_mark > high) throw ValueError("high must be >= low must be >= 0");
    connection_->set_write_buffer_limits(high, low_mark);
}

std::pair<std::size_t, std::size_t> StreamWriter::get_write_buffer_limits() const noexcept {
    return {connection_->low, connection_->high};
}

Coroutine<bool> StreamWriter::aexit(const std::exception_ptr&) {
    auto connection = connection_;
    connection->close();
    try {
        co_await StreamWriter(connection).wait_closed();
    } catch (const OSError&) {
        // The connection's own error; the body's error (if any) is the one that matters.
    }
    co_return false;
}

std::vector<SocketAddress> Server::sockets() const {
    return core_->sockets();
}

int Server::port() const {
    const auto& all = core_->sockets();
    return all.empty() ? 0 : all.front().port;
}

bool Server::is_serving() const noexcept {
    return core_->is_serving();
}

void Server::close() {
    core_->close();
}

Coroutine<> Server::wait_closed() {
    auto core = core_;
    co_await core->wait_closed();
}

Coroutine<> Server::serve_forever() {
    auto core = core_;
    co_await core->serve_forever();
}

Coroutine<bool> Server::aexit(const std::exception_ptr&) {
    auto core = core_;
    core->close();
    co_await core->wait_closed();
    co_return false;
}

// ------------------------------------------------------------------------- the entry points

Coroutine<std::pair<StreamReader, StreamWriter>> open_connection(std::string host, int port,
                                                                 std::size_t limit) {
    EventLoop& loop = EventLoop::current();
    ignore_sigpipe();
    const sockaddr_storage address = resolve(host, port);
    auto connection = std::make_shared<detail::StreamConnection>(loop, limit);

    // The request outlives a cancelled wait: closing the handle makes libuv call back with
    // UV_ECANCELED, and the callback finds the future done and leaves it.
    struct ConnectRequest {
        uv_connect_t req;
        std::shared_ptr<FutureState<int>> status;
        EventLoop* loop;
        detail::ExternalWork work;  // a connect on loopback ends at once: virtual time waits
    };
    auto status = detail::io_future<int>(loop, "connect");
    auto* request = new ConnectRequest{{}, status, &loop, {loop, true}};
    request->req.data = request;
    auto on_connected = [](uv_connect_t* req, int result) {
        std::unique_ptr<ConnectRequest> owned(static_cast<ConnectRequest*>(req->data));
        // A closing loop has destroyed the task that waited: leave the future alone.
        if (!owned->loop->is_closed() && !owned->status->done()) owned->status->set_result(result);
    };
    if (int rc = uv_tcp_connect(&request->req, connection->tcp(),
                                reinterpret_cast<const sockaddr*>(&address), on_connected);
        rc < 0) {
        delete request;
        status->set_result(rc);
    }
    const int result = co_await detail::io_wait(*status);
    if (result < 0) {
        const auto where = to_address(address);
        std::rethrow_exception(make_os_error(
            -result, {}, "Connect call failed " + (where ? where->to_string() : host)));
    }
    connection->connected();
    co_return std::pair<StreamReader, StreamWriter>(StreamReader(connection->reader, connection),
                                                    StreamWriter(connection));
}

Coroutine<Server> start_server(ClientConnected handler, std::string host, int port,
                               std::size_t limit, int backlog) {
    EventLoop& loop = EventLoop::current();
    ignore_sigpipe();
    const sockaddr_storage address = resolve(host, port);
    auto core = std::make_shared<detail::ServerCore>(loop, std::move(handler), limit);
    core->listen(address, backlog);
    co_return Server(std::move(core));
}

}  // namespace asyncio
