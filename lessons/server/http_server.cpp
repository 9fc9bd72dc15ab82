#include "http_server.hpp"

#include <uv.h>

#include <algorithm>
#include <deque>

#include "asyncio/detail/uv_handle.hpp"
#include "request_parser.hpp"

namespace lesson_server {

using asyncio::detail::check_uv;
using asyncio::detail::UvHandle;

namespace server_detail {

enum class CloseReason { client, idle, server, protocol };

// A request parsed and not answered yet. Requests on one connection are answered in the
// order they came (HTTP/1.1 pipelining), each after its own latency.
struct Pending {
    RequestRecord record;
    Plan plan;
    bool keep_alive = true;
    bool head = false;
    bool scheduled = false;
    bool counted = true;  // false for /stats, which reports the counts without joining them
};

struct Connection;
void count_request(Server::State& s, const std::string& route);

// One uv_write: the bytes must live until libuv is done with them. The connection may be
// gone by then (the write callback of a closed handle still runs, with UV_ECANCELED).
struct WriteRequest {
    uv_write_t request{};
    std::string bytes;
    std::weak_ptr<Connection> connection;
    bool close_after = false;
};

}  // namespace server_detail

using namespace server_detail;

struct Server::State : std::enable_shared_from_this<Server::State> {
    asyncio::EventLoop* loop = nullptr;
    ServerOptions options;
    UvHandle<uv_tcp_t> listener;
    int port = 0;
    bool serving = false;
    std::map<std::string, Answer, std::less<>> routes;
    std::map<std::string, RouteStats, std::less<>> stats;
    RouteStats total;
    std::map<std::string, int, std::less<>> attempts;  // per route and key, for fail_times
    std::function<void(const RequestRecord&)> log;
    std::map<Connection*, std::shared_ptr<Connection>> connections;
    std::size_t accepted = 0;
    std::size_t closed_by_client = 0;
    std::size_t closed_idle = 0;

    void accept_one();
    void close_connection(Connection& connection, CloseReason reason) noexcept;
    void finish(Pending& pending, int status) noexcept;
    std::string stats_json() const;
    void reset_counts() noexcept;
};

namespace server_detail {

struct Connection : std::enable_shared_from_this<Connection> {
    std::weak_ptr<Server::State> server;
    asyncio::EventLoop* loop = nullptr;
    UvHandle<uv_tcp_t> tcp;
    RequestParser parser;
    std::vector<ParsedRequest> parsed;  // the requests one read completed
    std::deque<Pending> queue;
    asyncio::TimerHandle answer_timer;
    asyncio::TimerHandle idle_timer;
    bool closing = false;
    char buffer[16 * 1024];

    Server::State* state() const { return server.lock().get(); }
    void arm_idle();
    void on_read(ssize_t nread);
    void request_complete(ParsedRequest& request);
    void schedule_front();
    void answer_front();
    void write(std::string bytes, bool close_after);
};

void Connection::arm_idle() {
    idle_timer.cancel();
    auto* s = state();
    if (!s || closing || !queue.empty()) return;
    idle_timer = loop->call_later(s->options.idle_timeout, [weak = weak_from_this()] {
        auto self = weak.lock();
        if (!self) return;
        if (auto* st = self->state()) st->close_connection(*self, CloseReason::idle);
    });
}

void Connection::on_read(ssize_t nread) {
    auto* s = state();
    if (!s || closing) return;
    if (nread < 0) {
        // The client went (end of stream or error): reading stops now and the connection is
        // lost at the next pass, as an asyncio transport does (selector_events.py: on EOF,
        // close() hands _call_connection_lost to call_soon; aiohttp's server cancels the
        // request it was answering there). So a task already due to run when the end is
        // read runs before the server counts the abandoned request, as with aiohttp.web.
        uv_read_stop(reinterpret_cast<uv_stream_t*>(tcp.get()));
        loop->call_soon([weak = weak_from_this()] {
            auto self = weak.lock();
            if (!self) return;
            if (auto* st = self->state()) st->close_connection(*self, CloseReason::client);
        });
        return;
    }
    if (nread == 0) return;
    idle_timer.cancel();
    parsed.clear();
    const auto error = parser.feed({buffer, static_cast<std::size_t>(nread)}, parsed);
    // The requests before an error are queued (and abandoned when the connection closes).
    for (auto& request : parsed) request_complete(request);
    if (closing) return;
    if (error != ParseError::none) {
        write(error_response(error), true);
        uv_read_stop(reinterpret_cast<uv_stream_t*>(tcp.get()));
        return;
    }
    if (!queue.empty()) {
        schedule_front();
    } else if (parser.in_message()) {
        // Half a request came: the rest is already in the kernel (loopback). One more pass
        // makes the loop poll again before a virtual clock may jump past it.
        loop->call_soon([] {});
    } else {
        arm_idle();
    }
}

void Connection::request_complete(ParsedRequest& request) {
    auto* s = state();
    if (!s) return;
    Pending pending;
    pending.record.method = std::move(request.method);
    pending.record.target = std::move(request.target);
    pending.record.received = loop->time();
    pending.keep_alive = request.keep_alive;
    pending.head = request.head;
    const std::string& url = pending.record.target;
    const auto question = url.find('?');
    const std::string path = url.substr(0, question);
    const auto query =
        parse_query(question == std::string::npos ? std::string_view{}
                                                  : std::string_view(url).substr(question + 1));
    if (auto it = s->routes.find(path); it != s->routes.end()) {
        pending.plan.route = path;
        pending.plan.answer = it->second;
    } else {
        pending.plan = plan_builtin(path, query);
        pending.counted = pending.plan.route != "/stats";
    }
    pending.record.route = pending.plan.route;
    if (pending.counted) count_request(*s, pending.plan.route);
    queue.push_back(std::move(pending));
}

void count_request(Server::State& s, const std::string& route) {
    for (RouteStats* stats : {&s.stats[route], &s.total}) {
        ++stats->requests;
        ++stats->in_flight;
        stats->peak_in_flight = std::max(stats->peak_in_flight, stats->in_flight);
    }
}

void Connection::schedule_front() {
    if (queue.empty() || queue.front().scheduled) return;
    queue.front().scheduled = true;
    auto answer = [weak = weak_from_this()] {
        if (auto self = weak.lock()) self->answer_front();
    };
    // No latency: a ready callback, not a timer due now. Under the virtual clock, while a job
    // runs on a worker thread (a blocking client waiting for this very answer), the loop
    // waits for real events before it looks at due timers.
    const double latency = queue.front().plan.answer.latency;
    if (latency > 0)
        answer_timer = loop->call_later(latency, std::move(answer));
    else
        answer_timer = loop->call_soon(std::move(answer));
}

void Connection::answer_front() {
    auto* s = state();
    if (!s || closing || queue.empty()) return;
    Pending pending = std::move(queue.front());
    queue.pop_front();
    const Answer& answer = pending.plan.answer;
    int status = answer.status;
    std::string body = answer.body;
    if (body.empty() && answer.body_size > 0) {
        body.reserve(answer.body_size);
        for (std::size_t i = 0; i < answer.body_size; ++i) body += static_cast<char>('a' + i % 26);
    }
    if (!pending.counted && pending.plan.route == "/stats" && status == 200) {
        body = s->stats_json();
        if (pending.plan.key == "reset") s->reset_counts();
    }
    std::string extra;
    if (answer.fail_times > 0 || pending.plan.route == "/flaky") {
        const int attempt = ++s->attempts[pending.plan.route + "?" + pending.plan.key];
        if (attempt <= answer.fail_times) {
            status = answer.fail_status;
            body = std::string(reason_phrase(status)) + "\n";
            ++s->stats[pending.plan.route].failures;
            ++s->total.failures;
        }
        extra = "X-Attempt: " + std::to_string(attempt) + "\r\n";
    }
    std::string head =
        "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status)) +
        "\r\nServer: asyncdemo\r\n" + "Content-Type: " + answer.content_type + "\r\n" +
        "Content-Length: " + std::to_string(body.size()) + "\r\n" + extra +
        (pending.keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n") + "\r\n";
    if (!pending.head) head += body;
    s->finish(pending, status);
    write(std::move(head), !pending.keep_alive);
    if (!pending.keep_alive) return;
    if (!queue.empty())
        schedule_front();
    else if (!parser.in_message())
        arm_idle();
}

void Connection::write(std::string bytes, bool close_after) {
    auto* request = new WriteRequest;
    request->bytes = std::move(bytes);
    request->connection = weak_from_this();
    request->close_after = close_after;
    uv_buf_t buf = uv_buf_init(request->bytes.data(), static_cast<unsigned>(request->bytes.size()));
    const int rc =
        uv_write(&request->request, reinterpret_cast<uv_stream_t*>(tcp.get()), &buf, 1,
                 [](uv_write_t* w, int status) {
                     auto* req = reinterpret_cast<WriteRequest*>(w);
                     auto connection = req->connection.lock();
                     const bool close_after = req->close_after || status < 0;
                     delete req;
                     if (!connection || !close_after) return;
                     if (auto* s = connection->state())
                         s->close_connection(
                             *connection, status < 0 ? CloseReason::client : CloseReason::server);
                 });
    if (rc < 0) {
        delete request;
        if (auto* s = state()) s->close_connection(*this, CloseReason::client);
    }
}

}  // namespace server_detail

void Server::State::accept_one() {
    auto connection = std::make_shared<Connection>();
    connection->server = weak_from_this();
    connection->loop = loop;
    connection->tcp.init(uv_tcp_init(loop->uv(), connection->tcp.get()), "uv_tcp_init");
    connection->tcp.set_owner(connection.get());
    if (uv_accept(reinterpret_cast<uv_stream_t*>(listener.get()),
                  reinterpret_cast<uv_stream_t*>(connection->tcp.get())) != 0)
        return;  // the connection went away first; its handle closes with `connection`
    ++accepted;
    connections[connection.get()] = connection;
    const int rc = uv_read_start(
        reinterpret_cast<uv_stream_t*>(connection->tcp.get()),
        [](uv_handle_t* h, std::size_t, uv_buf_t* buf) {
            auto* c = static_cast<Connection*>(h->data);
            *buf = uv_buf_init(c->buffer, sizeof c->buffer);
        },
        [](uv_stream_t* stream, ssize_t nread, const uv_buf_t*) {
            // Keeps the connection alive while its own callback may close it.
            auto self = static_cast<Connection*>(stream->data)->shared_from_this();
            self->on_read(nread);
        });
    // Called from libuv's connection callback, so no exception: a connection that cannot be
    // read is closed at once.
    if (rc < 0) {
        close_connection(*connection, CloseReason::client);
        return;
    }
    connection->arm_idle();
}

void Server::State::close_connection(Connection& connection, CloseReason reason) noexcept {
    if (connection.closing) return;
    connection.closing = true;
    connection.idle_timer.cancel();
    connection.answer_timer.cancel();
    for (auto& pending : connection.queue) {
        if (pending.counted) {
            ++stats[pending.plan.route].abandoned;
            ++total.abandoned;
        }
        finish(pending, 0);
    }
    connection.queue.clear();
    if (reason == CloseReason::client) ++closed_by_client;
    if (reason == CloseReason::idle) ++closed_idle;
    connection.tcp.close();
    connections.erase(&connection);  // may destroy it: nothing may touch it after this
}

void Server::State::finish(Pending& pending, int status) noexcept {
    if (pending.counted)
        for (RouteStats* s : {&stats[pending.plan.route], &total}) --s->in_flight;
    pending.record.status = status;
    pending.record.latency = loop->time() - pending.record.received;
    if (log) {
        try {
            log(pending.record);
        } catch (...) {
        }
    }
}

namespace {
std::string counts_json(const RouteStats& s) {
    return "{\"requests\": " + std::to_string(s.requests) +
           ", \"in_flight\": " + std::to_string(s.in_flight) +
           ", \"peak_in_flight\": " + std::to_string(s.peak_in_flight) +
           ", \"failures\": " + std::to_string(s.failures) +
           ", \"abandoned\": " + std::to_string(s.abandoned) + "}";
}
}  // namespace

// {"routes": {"/delay": {...}, ...}, "total": {...}, "flaky_tries": {"KEY": N, ...}}
std::string Server::State::stats_json() const {
    std::string text = "{\"routes\": {";
    bool first = true;
    for (const auto& [route, counts] : stats) {
        text += (first ? "" : ", ") + json_string(route) + ": " + counts_json(counts);
        first = false;
    }
    text += "}, \"total\": " + counts_json(total) + ", \"flaky_tries\": {";
    first = true;
    for (const auto& [route_key, tries] : attempts) {
        if (!route_key.starts_with("/flaky?")) continue;
        text +=
            (first ? "" : ", ") + json_string(route_key.substr(7)) + ": " + std::to_string(tries);
        first = false;
    }
    return text + "}}\n";
}

// Counting starts again: what is in flight now stays in flight (and is the new peak), and
// /flaky's keys fail again from their first try.
void Server::State::reset_counts() noexcept {
    total = RouteStats{.in_flight = total.in_flight};
    for (auto& [route, counts] : stats) {
        counts = RouteStats{.in_flight = counts.in_flight};
        counts.peak_in_flight = counts.in_flight;
    }
    total.peak_in_flight = total.in_flight;
    attempts.clear();
}

Server::Server(asyncio::EventLoop& loop, ServerOptions options)
    : state_(std::make_shared<State>()) {
    state_->loop = &loop;
    state_->options = options;
    auto& listener = state_->listener;
    listener.init(uv_tcp_init(loop.uv(), listener.get()), "uv_tcp_init");
    listener.set_owner(state_.get());
    sockaddr_in address{};
    check_uv(uv_ip4_addr("127.0.0.1", options.port, &address), "uv_ip4_addr");
    auto fail = [&](int rc, const char* call) {
        listener.close();
        if (rc == UV_EADDRINUSE) throw AddressInUse(options.port);
        check_uv(rc, call);
    };
    if (int rc = uv_tcp_bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), 0);
        rc < 0)
        fail(rc, "uv_tcp_bind");
    const int rc = uv_listen(reinterpret_cast<uv_stream_t*>(listener.get()), 128,
                             [](uv_stream_t* server, int status) {
                                 if (status < 0) return;
                                 static_cast<State*>(server->data)->accept_one();
                             });
    if (rc < 0) fail(rc, "uv_listen");
    sockaddr_storage bound{};
    int length = sizeof bound;
    check_uv(uv_tcp_getsockname(listener.get(), reinterpret_cast<sockaddr*>(&bound), &length),
             "uv_tcp_getsockname");
    state_->port = ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
    state_->serving = true;
}

Server::~Server() {
    close();
}

int Server::port() const noexcept {
    return state_->port;
}

std::string Server::url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(state_->port) + std::string(path);
}

void Server::set_route(std::string path, Answer answer) {
    state_->routes[std::move(path)] = std::move(answer);
}

void Server::on_request(std::function<void(const RequestRecord&)> callback) {
    state_->log = std::move(callback);
}

const RouteStats& Server::stats(std::string_view route) const {
    static const RouteStats none;
    auto it = state_->stats.find(route);
    return it == state_->stats.end() ? none : it->second;
}

const RouteStats& Server::total() const noexcept {
    return state_->total;
}

std::size_t Server::connections_accepted() const noexcept {
    return state_->accepted;
}

std::size_t Server::connections_open() const noexcept {
    return state_->connections.size();
}

std::size_t Server::connections_closed_by_client() const noexcept {
    return state_->closed_by_client;
}

std::size_t Server::connections_closed_idle() const noexcept {
    return state_->closed_idle;
}

std::string Server::stats_json() const {
    return state_->stats_json();
}

bool Server::is_serving() const noexcept {
    return state_->serving;
}

void Server::close() noexcept {
    if (!state_) return;
    state_->serving = false;
    state_->listener.close();
    std::vector<std::shared_ptr<Connection>> open;
    for (auto& [raw, connection] : state_->connections) open.push_back(connection);
    for (auto& connection : open) state_->close_connection(*connection, CloseReason::server);
}

}  // namespace lesson_server
