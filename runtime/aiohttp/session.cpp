#include "aiohttp/session.hpp"

#include "aiohttp/curl_multi.hpp"
#include "asyncio/task.hpp"

namespace aiohttp {

namespace {
// Withdraws the transfer however the request ends: answered, failed, timed out, cancelled,
// or its frame destroyed with the loop.
struct Withdraw {
    detail::CurlMulti& multi;
    detail::Transfer& transfer;
    ~Withdraw() { multi.remove(transfer); }
};
}  // namespace

ClientSession::ClientSession(ClientTimeout timeout, asyncio::EventLoop& loop)
    : timeout_(timeout), multi_(std::make_shared<detail::CurlMulti>(loop)) {}

ClientSession::~ClientSession() {
    multi_->close(std::make_exception_ptr(ClientError("Session is closed")));
}

asyncio::Coroutine<ClientResponse> ClientSession::get(std::string url,
                                                      std::optional<ClientTimeout> timeout) {
    return request("GET", std::move(url), timeout);
}

asyncio::Coroutine<ClientResponse> ClientSession::request(std::string method, std::string url,
                                                          std::optional<ClientTimeout> timeout) {
    if (multi_->closed()) throw asyncio::RuntimeError("Session is closed");
    auto multi = multi_;
    auto& loop = multi->loop();
    detail::Transfer transfer(loop, std::move(method), std::move(url));
    Withdraw withdraw{*multi, transfer};
    multi->add(transfer);
    if (const auto total = (timeout ? *timeout : timeout_).total) {
        transfer.deadline = loop.call_later(*total, [&transfer, raw = multi.get()] {
            raw->remove(transfer);
            if (!transfer.done->done())
                transfer.done->set_exception(std::make_exception_ptr(asyncio::TimeoutError()));
        });
    }
    co_await asyncio::Future<void>(transfer.done);
    co_return std::move(transfer.response);
}

asyncio::Coroutine<> ClientSession::close() {
    multi_->close(std::make_exception_ptr(ClientError("Session is closed")));
    co_return;
}

bool ClientSession::closed() const noexcept {
    return multi_->closed();
}

long ClientSession::connections_opened() const noexcept {
    return multi_->connections_opened();
}

}  // namespace aiohttp
