#pragma once
// libcurl's multi interface driven by the asyncio loop: curl says which sockets to watch
// (CURLMOPT_SOCKETFUNCTION → one uv_poll per socket) and when to call it back
// (CURLMOPT_TIMERFUNCTION → "now" is a loop callback, later is a libuv timer, because curl
// measures its own timeouts in real time).
//
// Every event from libuv is turned into a loop callback (call_soon) that hands it to curl,
// never handled inside libuv's poll. So whatever curl sends in answer is sent during a pass,
// and the next pass polls again before the virtual clock may jump: a request to a server on
// the same loop (lesson_server) completes at exactly the virtual time the server answers.
//
// A transfer in progress is counted as the loop's external work (it can still wake a task),
// without holding the virtual clock: the time a lesson waits is the server's latency.
#include <curl/curl.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "aiohttp/response.hpp"
#include "asyncio/detail/uv_handle.hpp"
#include "asyncio/future.hpp"

namespace aiohttp::detail {

class CurlMulti;

// One request on its way: its easy handle, what has come back so far, and the future its
// task waits on (WaitOn::io, detail "http").
struct Transfer {
    Transfer(asyncio::EventLoop& loop, std::string method, std::string url);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    CURL* easy = nullptr;
    ClientResponse response;
    std::shared_ptr<asyncio::FutureState<void>> done;
    asyncio::TimerHandle deadline;
    char error[CURL_ERROR_SIZE] = {};
    long new_connections = 0;  // connections curl had to open for it (0: one was reused)
    bool in_multi = false;
};

class CurlMulti : public std::enable_shared_from_this<CurlMulti> {
  public:
    explicit CurlMulti(asyncio::EventLoop& loop);
    ~CurlMulti();
    CurlMulti(const CurlMulti&) = delete;
    CurlMulti& operator=(const CurlMulti&) = delete;

    asyncio::EventLoop& loop() const noexcept { return *loop_; }
    // Starts the transfer; its future completes when it ends (result or error).
    void add(Transfer& transfer);
    // Withdraws a transfer (cancelled, timed out): curl closes its connection if it was not
    // done. Safe for a transfer that already ended.
    void remove(Transfer& transfer) noexcept;
    // Withdraws every transfer, failing each with `error`, and lets go of every socket.
    void close(std::exception_ptr error) noexcept;
    bool closed() const noexcept { return multi_ == nullptr; }
    long connections_opened() const noexcept { return connections_opened_; }

  private:
    struct Socket;
    static int on_socket(CURL* easy, curl_socket_t fd, int what, void* self, void* socket);
    static int on_timer(CURLM* multi, long timeout_ms, void* self);
    void watch(curl_socket_t fd, int what, Socket* socket);
    void forget(curl_socket_t fd) noexcept;
    // Hands an event to curl at the next pass, then collects the transfers that ended.
    void act_soon(curl_socket_t fd, int flags);
    void act(curl_socket_t fd, int flags);
    void collect_done();

    asyncio::EventLoop* loop_;
    CURLM* multi_ = nullptr;
    asyncio::detail::UvHandle<uv_timer_t> timer_;
    asyncio::TimerHandle timeout_now_;
    std::map<curl_socket_t, std::unique_ptr<Socket>> sockets_;
    std::set<Transfer*> transfers_;
    long connections_opened_ = 0;
};

}  // namespace aiohttp::detail
