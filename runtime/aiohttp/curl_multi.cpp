#include "aiohttp/curl_multi.hpp"

#include <unistd.h>

#include <utility>

#include "aiohttp/easy.hpp"
#include "aiohttp/errors.hpp"

namespace aiohttp::detail {

using asyncio::detail::check_uv;
using asyncio::detail::UvHandle;

struct CurlMulti::Socket {
    UvHandle<uv_poll_t> poll;
    CurlMulti* owner = nullptr;
    curl_socket_t fd = CURL_SOCKET_BAD;
};

namespace {

// A socket curl is done with: closed by the loop's callback, or when the callback is dropped
// unrun (a loop closing with callbacks still queued), or at once when there is no loop to ask.
struct ClosingSocket {
    curl_socket_t fd = CURL_SOCKET_BAD;
    void close() noexcept {
        if (fd != CURL_SOCKET_BAD) ::close(std::exchange(fd, CURL_SOCKET_BAD));
    }
    ~ClosingSocket() { close(); }
};

// CURLOPT_CLOSESOCKETFUNCTION: the socket closes at the loop's next pass, as an asyncio
// transport's does (selector_events.py: close() and _force_close() hand
// _call_connection_lost, which closes the socket, to call_soon). So the server on the other
// end (a server on the same loop) reads the end of a withdrawn request's connection in the
// pass after the one that withdrew it, as aiohttp's server does with aiohttp's client.
// curl has already stopped watching the socket (CURL_POLL_REMOVE) when it calls this.
int close_socket_soon(void* loop, curl_socket_t fd) {
    // A callback of curl's must not throw: when memory runs out, the socket closes now.
    std::shared_ptr<ClosingSocket> socket;
    try {
        socket = std::make_shared<ClosingSocket>();
    } catch (...) {
        ::close(fd);
        return 0;
    }
    socket->fd = fd;
    auto& on = *static_cast<asyncio::EventLoop*>(loop);
    if (on.is_closed()) return 0;  // no next pass: `socket` closes it on return
    try {
        on.call_soon([socket] { socket->close(); });
    } catch (...) {
    }
    return 0;
}

}  // namespace

Transfer::Transfer(asyncio::EventLoop& loop, std::string method, std::string url)
    : done(std::make_shared<asyncio::FutureState<void>>(loop, asyncio::WaitOn::io)) {
    global_init();
    done->set_detail("http");
    response.url_ = url;
    easy = curl_easy_init();
    if (!easy) throw ClientError("curl_easy_init failed");
    configure_easy(easy, method, response, error);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, close_socket_soon);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, &loop);
}

Transfer::~Transfer() {
    deadline.cancel();
    if (easy) curl_easy_cleanup(easy);
}

CurlMulti::CurlMulti(asyncio::EventLoop& loop) : loop_(&loop) {
    global_init();
    multi_ = curl_multi_init();
    if (!multi_) throw ClientError("curl_multi_init failed");
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    // aiohttp's TCPConnector(limit=100): more transfers than that wait for a connection.
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, 100L);
    timer_.init(uv_timer_init(loop.uv(), timer_.get()), "uv_timer_init");
    timer_.set_owner(this);
}

CurlMulti::~CurlMulti() {
    close(std::make_exception_ptr(ClientError("Session is closed")));
}

void CurlMulti::add(Transfer& transfer) {
    if (!multi_) throw asyncio::RuntimeError("Session is closed");
    if (curl_multi_add_handle(multi_, transfer.easy) != CURLM_OK)
        throw ClientError("curl_multi_add_handle failed");
    transfer.in_multi = true;
    transfers_.insert(&transfer);
    loop_->external_work_started(false);
}

void CurlMulti::remove(Transfer& transfer) noexcept {
    if (!transfer.in_multi) return;
    transfer.in_multi = false;
    transfer.deadline.cancel();
    transfers_.erase(&transfer);
    loop_->external_work_finished(false);
    if (multi_) curl_multi_remove_handle(multi_, transfer.easy);
}

void CurlMulti::close(std::exception_ptr error) noexcept {
    if (!multi_) return;
    const auto pending = transfers_;
    for (auto* transfer : pending) {
        remove(*transfer);
        if (!transfer->done->done()) transfer->done->set_exception(error);
    }
    curl_multi_cleanup(multi_);  // may still tell on_socket to let sockets go
    multi_ = nullptr;
    sockets_.clear();
    timeout_now_.cancel();
    timer_.close();
}

int CurlMulti::on_socket(CURL*, curl_socket_t fd, int what, void* self, void* socket) {
    auto* multi = static_cast<CurlMulti*>(self);
    if (what == CURL_POLL_REMOVE)
        multi->forget(fd);
    else
        multi->watch(fd, what, static_cast<Socket*>(socket));
    return 0;
}

int CurlMulti::on_timer(CURLM*, long timeout_ms, void* self) {
    auto* multi = static_cast<CurlMulti*>(self);
    multi->timeout_now_.cancel();
    if (multi->timer_) uv_timer_stop(multi->timer_.get());
    if (timeout_ms == 0) {
        multi->timeout_now_ = multi->loop_->call_soon([weak = multi->weak_from_this()] {
            if (auto m = weak.lock()) m->act(CURL_SOCKET_TIMEOUT, 0);
        });
    } else if (timeout_ms > 0 && multi->timer_) {
        // curl's own deadlines are real time (it reads the system clock), so a libuv timer.
        const int rc = uv_timer_start(
            multi->timer_.get(),
            [](uv_timer_t* timer) {
                asyncio::detail::owner_of<CurlMulti>(timer)->act_soon(CURL_SOCKET_TIMEOUT, 0);
            },
            static_cast<std::uint64_t>(timeout_ms), 0);
        // A callback of curl's must not throw: curl is told the timer failed instead.
        if (rc < 0) return -1;
    }
    return 0;
}

void CurlMulti::watch(curl_socket_t fd, int what, Socket* known) {
    Socket* socket = known;
    if (!socket) {
        auto& slot = sockets_[fd];
        if (!slot) {
            slot = std::make_unique<Socket>();
            slot->owner = this;
            slot->fd = fd;
            slot->poll.init(uv_poll_init_socket(loop_->uv(), slot->poll.get(), fd),
                            "uv_poll_init_socket");
            slot->poll.set_owner(slot.get());
        }
        socket = slot.get();
        curl_multi_assign(multi_, fd, socket);
    }
    int events = 0;
    if (what & CURL_POLL_IN) events |= UV_READABLE;
    if (what & CURL_POLL_OUT) events |= UV_WRITABLE;
    check_uv(uv_poll_start(socket->poll.get(), events,
                           [](uv_poll_t* poll, int status, int ready) {
                               auto* s = asyncio::detail::owner_of<Socket>(poll);
                               int flags = 0;
                               if (status < 0) flags |= CURL_CSELECT_ERR;
                               if (ready & UV_READABLE) flags |= CURL_CSELECT_IN;
                               if (ready & UV_WRITABLE) flags |= CURL_CSELECT_OUT;
                               s->owner->act_soon(s->fd, flags);
                           }),
             "uv_poll_start");
}

void CurlMulti::forget(curl_socket_t fd) noexcept {
    sockets_.erase(fd);  // closes its poll handle; the memory goes in the close callback
}

void CurlMulti::act_soon(curl_socket_t fd, int flags) {
    loop_->call_soon([weak = weak_from_this(), fd, flags] {
        if (auto multi = weak.lock()) multi->act(fd, flags);
    });
}

void CurlMulti::act(curl_socket_t fd, int flags) {
    if (!multi_) return;
    int running = 0;
    curl_multi_socket_action(multi_, fd, flags, &running);
    collect_done();
}

void CurlMulti::collect_done() {
    int left = 0;
    while (CURLMsg* message = multi_ ? curl_multi_info_read(multi_, &left) : nullptr) {
        if (message->msg != CURLMSG_DONE) continue;
        Transfer* transfer = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
        const CURLcode code = message->data.result;
        if (!transfer || !transfer->in_multi) continue;
        long connects = 0;
        curl_easy_getinfo(transfer->easy, CURLINFO_NUM_CONNECTS, &connects);
        transfer->new_connections = connects;
        connections_opened_ += connects;
        remove(*transfer);
        if (transfer->done->done()) continue;  // its task gave up meanwhile
        if (code == CURLE_OK) {
            read_outcome(transfer->easy, transfer->response);
            transfer->done->set_result();
        } else {
            transfer->done->set_exception(
                transfer_error(code, transfer->response.url_, transfer->error));
        }
    }
}

}  // namespace aiohttp::detail
