#pragma once
// aiohttp.ClientSession on libcurl, driven by the asyncio loop:
//
//     aiohttp::ClientSession session;                       // async with ClientSession() as s:
//     auto resp = co_await session.get(url);                //     async with s.get(url) as r:
//     std::string body = co_await resp.text();              //         body = await r.text()
//
// One session is one curl multi handle with one connection cache, so requests to the same
// server reuse a kept-alive connection, as aiohttp's connector does (at most 100 at once).
// The task awaiting a request waits on WaitOn::io ("http"), which the timeline draws as I/O.
//
// Timeouts: ClientTimeout{.total = S} on the session or on one request; when it passes, the
// transfer is withdrawn (its connection closed) and asyncio::TimeoutError is raised, on the
// loop's clock (exact under the virtual clock). Cancelling the awaiting task withdraws the
// transfer the same way. Errors: ClientConnectorError (no connection), ServerDisconnectedError
// (the answer was cut), ClientError (anything else); a 4xx/5xx status is not an error unless
// raise_for_status() is called, as in aiohttp.
#include <memory>
#include <optional>
#include <string>

#include "aiohttp/errors.hpp"
#include "aiohttp/response.hpp"
#include "asyncio/coroutine.hpp"
#include "asyncio/loop.hpp"

namespace aiohttp {

namespace detail {
class CurlMulti;
}

// aiohttp.ClientTimeout: `total` seconds for the whole request, none when empty. aiohttp's
// default is 300 (five minutes), and so is this one.
struct ClientTimeout {
    std::optional<double> total = 300.0;
};

class ClientSession {
  public:
    explicit ClientSession(ClientTimeout timeout = {},
                           asyncio::EventLoop& loop = asyncio::EventLoop::current());
    ~ClientSession();
    ClientSession(const ClientSession&) = delete;
    ClientSession& operator=(const ClientSession&) = delete;

    asyncio::Coroutine<ClientResponse> get(std::string url,
                                           std::optional<ClientTimeout> timeout = {});
    // Any method ("GET", "HEAD", "DELETE"...); no request body.
    asyncio::Coroutine<ClientResponse> request(std::string method, std::string url,
                                               std::optional<ClientTimeout> timeout = {});
    // `await session.close()`: requests still on their way fail with ClientError.
    asyncio::Coroutine<> close();
    bool closed() const noexcept;
    // Connections opened so far (a reused one is not counted again).
    long connections_opened() const noexcept;

  private:
    ClientTimeout timeout_;
    std::shared_ptr<detail::CurlMulti> multi_;
};

}  // namespace aiohttp
