#pragma once
// The lessons' HTTP/1.1 test server: libuv TCP on 127.0.0.1 only, requests parsed by
// RequestParser (request_parser.hpp, on http-parser), answers delayed with the asyncio loop's own
// timers. It runs on the same loop as the lesson, so under the virtual clock a route of 2 seconds
// answers exactly 2 lesson seconds after its request arrived (DESIGN.md, "Virtual time with real
// I/O").
//
//     lesson_server::Server server(loop);           // listening on a free port
//     server.set_route("/slow", {.latency = 2});    // a route of the lesson's own
//     auto url = server.url("/slow");               // http://127.0.0.1:PORT/slow
//     ...
//     server.stats("/slow").peak_in_flight          // what the server saw
//
// A blocking client on a worker thread (requests in run_in_executor) is a real job: under the
// virtual clock the loop does not move time while it runs, so a route with a latency would
// never answer it. Such a lesson gives that route no latency and simulates the wait
// (to_thread_simulated), or runs under the real clock.
//
// Connections are kept alive between requests and closed after `idle_timeout` seconds
// without one. Every libuv handle is an asyncio::detail::UvHandle, freed in its close
// callback, so the loop closes cleanly once the server is closed or destroyed.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "asyncio/errors.hpp"
#include "asyncio/loop.hpp"
#include "routes.hpp"

namespace lesson_server {

// The port asked for is taken (by another program, or another server).
class AddressInUse : public asyncio::RuntimeError {
  public:
    explicit AddressInUse(int port)
        : asyncio::RuntimeError("127.0.0.1:" + std::to_string(port) + " is already in use"),
          port_(port) {}
    const char* type_name() const noexcept override { return "OSError"; }
    int port() const noexcept { return port_; }

  private:
    int port_;
};

struct ServerOptions {
    int port = 0;               // 0: a free port, chosen by the system
    double idle_timeout = 5.0;  // seconds a kept-alive connection may wait for a request
};

// Counts for one route (or for all of them).
struct RouteStats {
    std::size_t requests = 0;        // requests received
    std::size_t in_flight = 0;       // received and not answered yet
    std::size_t peak_in_flight = 0;  // the most at once
    std::size_t failures = 0;        // answered with fail_status by fail_times
    std::size_t abandoned = 0;       // the client closed before its answer was sent
};

// One request answered (or abandoned), for a log.
struct RequestRecord {
    std::string method;
    std::string target;  // path and query, as sent
    std::string route;
    int status = 0;       // 0 when abandoned
    double received = 0;  // loop time
    double latency = 0;   // seconds from received to answered (or abandoned)
};

class Server {
  public:
    // Binds 127.0.0.1:options.port and listens. Throws AddressInUse for a taken port,
    // asyncio::RuntimeError for another failure.
    explicit Server(asyncio::EventLoop& loop, ServerOptions options = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const noexcept;
    // "http://127.0.0.1:PORT" followed by `path`.
    std::string url(std::string_view path = "/") const;

    // A route of the lesson's own, matched on the path alone before the built-in ones; its
    // stats are kept under `path`.
    void set_route(std::string path, Answer answer);
    // Called for each request answered or abandoned (asyncdemo serve prints them).
    void on_request(std::function<void(const RequestRecord&)> callback);

    const RouteStats& stats(std::string_view route) const;  // zeros for a route never hit
    const RouteStats& total() const noexcept;
    std::size_t connections_accepted() const noexcept;
    std::size_t connections_open() const noexcept;
    // Connections the client closed (as opposed to the server's idle timeout or close()).
    std::size_t connections_closed_by_client() const noexcept;
    std::size_t connections_closed_idle() const noexcept;
    // The counts as the /stats route answers them: {"routes": {ROUTE: COUNTS, ...}, "total":
    // COUNTS, "flaky_tries": {KEY: TRIES, ...}}, COUNTS being {"requests", "in_flight",
    // "peak_in_flight", "failures", "abandoned"}.
    std::string stats_json() const;

    // Stops listening and closes every connection; requests not answered yet are dropped.
    // The handles are freed at the loop's next pass. Safe to call twice.
    void close() noexcept;
    bool is_serving() const noexcept;

    struct State;  // server.cpp; shared with the connections

  private:
    std::shared_ptr<State> state_;
};

}  // namespace lesson_server
