#include "aiohttp/curl_multi.hpp"

#include <cstring>
#include <mutex>

#include "aiohttp/errors.hpp"

namespace aiohttp::detail {

using asyncio::detail::check_uv;
using asyncio::detail::UvHandle;

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw ClientError("curl_global_init failed");
    });
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<Transfer*>(user)->response.body_.append(data, size * count);
    return size * count;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    return std::string(text);
}

// One header line. A status line starts the headers over: after a redirect, only the last
// answer's headers are kept.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& response = static_cast<Transfer*>(user)->response;
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        response.headers_.clear();
        const auto space = line.find(' ');
        if (space != std::string_view::npos) {
            const auto rest = line.substr(space + 1);
            const auto second = rest.find(' ');
            response.reason_ =
                second == std::string_view::npos ? "" : trimmed(rest.substr(second + 1));
        }
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        response.headers_.add(trimmed(line.substr(0, colon)), trimmed(line.substr(colon + 1)));
    }
    return size * count;
}

std::exception_ptr transfer_error(CURLcode code, const std::string& url, const char* detail) {
    const std::string why = detail && *detail ? detail : curl_easy_strerror(code);
    switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return std::make_exception_ptr(
                ClientConnectorError("Cannot connect to " + url + " [" + why + "]"));
        case CURLE_OPERATION_TIMEDOUT:
            return std::make_exception_ptr(asyncio::TimeoutError());
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
            return std::make_exception_ptr(ServerDisconnectedError("Server disconnected: " + why));
        default:
            return std::make_exception_ptr(ClientError(why));
    }
}

}  // namespace

struct CurlMulti::Socket {
    UvHandle<uv_poll_t> poll;
    CurlMulti* owner = nullptr;
    curl_socket_t fd = CURL_SOCKET_BAD;
};

Transfer::Transfer(asyncio::EventLoop& loop, std::string method, std::string url)
    : done(std::make_shared<asyncio::FutureState<void>>(loop, "io")) {
    global_init();
    done->set_detail("http");
    response.url_ = url;
    easy = curl_easy_init();
    if (!easy) throw ClientError("curl_easy_init failed");
    curl_easy_setopt(easy, CURLOPT_URL, response.url_.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // As aiohttp with trust_env=False: no proxy from the environment, so loopback stays local.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);  // aiohttp's allow_redirects=True
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 10L);
    if (method == "HEAD")
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    else if (method != "GET")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
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
        uv_timer_start(
            multi->timer_.get(),
            [](uv_timer_t* timer) {
                asyncio::detail::owner_of<CurlMulti>(timer)->act_soon(CURL_SOCKET_TIMEOUT, 0);
            },
            static_cast<std::uint64_t>(timeout_ms), 0);
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
            long status = 0;
            curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
            transfer->response.status_ = static_cast<int>(status);
            char* effective = nullptr;
            curl_easy_getinfo(transfer->easy, CURLINFO_EFFECTIVE_URL, &effective);
            if (effective) transfer->response.url_ = effective;
            transfer->done->set_result();
        } else {
            transfer->done->set_exception(
                transfer_error(code, transfer->response.url_, transfer->error));
        }
    }
}

}  // namespace aiohttp::detail
