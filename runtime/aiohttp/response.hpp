#pragma once
// aiohttp.ClientResponse: what `co_await session.get(url)` gives. The body has been read by
// the time the response is returned, so text() costs no wait; it is still a coroutine, to
// read as `await resp.text()` does.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asyncio/coroutine.hpp"

namespace aiohttp {

// The header lines in the order they came; names compared without regard to case.
class Headers {
  public:
    void add(std::string name, std::string value);
    std::optional<std::string> get(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& items() const noexcept {
        return items_;
    }
    void clear() noexcept { items_.clear(); }

  private:
    std::vector<std::pair<std::string, std::string>> items_;
};

class ClientResponse {
  public:
    int status() const noexcept { return status_; }
    const std::string& reason() const noexcept { return reason_; }
    const Headers& headers() const noexcept { return headers_; }
    const std::string& url() const noexcept { return url_; }
    bool ok() const noexcept { return status_ < 400; }
    // Raises ClientResponseError for a status of 400 or more.
    void raise_for_status() const;
    asyncio::Coroutine<std::string> text() const;
    const std::string& body() const noexcept { return body_; }

    // Filled by the session.
    int status_ = 0;
    std::string reason_;
    Headers headers_;
    std::string url_;
    std::string body_;
};

}  // namespace aiohttp
