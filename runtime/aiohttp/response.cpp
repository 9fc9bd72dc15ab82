#include "aiohttp/response.hpp"

#include <strings.h>

#include "aiohttp/errors.hpp"

namespace aiohttp {

void Headers::add(std::string name, std::string value) {
    items_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Headers::get(std::string_view name) const {
    for (const auto& [key, value] : items_)
        if (key.size() == name.size() && strncasecmp(key.data(), name.data(), key.size()) == 0)
            return value;
    return std::nullopt;
}

void ClientResponse::raise_for_status() const {
    if (status_ >= 400) throw ClientResponseError(status_, reason_, url_);
}

asyncio::Coroutine<std::string> ClientResponse::text() const {
    co_return body_;
}

}  // namespace aiohttp
