#include "aiohttp/blocking.hpp"

#include <cmath>
#include <memory>

#include "aiohttp/easy.hpp"
#include "aiohttp/errors.hpp"

namespace aiohttp {

ClientResponse blocking_get(std::string url, std::optional<double> timeout) {
    detail::global_init();
    ClientResponse response;
    response.url_ = std::move(url);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy(curl_easy_init(), curl_easy_cleanup);
    if (!easy) throw ClientError("curl_easy_init failed");
    char error[CURL_ERROR_SIZE] = {};
    detail::configure_easy(easy.get(), "GET", response, error);
    if (timeout)
        curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT_MS,
                         static_cast<long>(std::ceil(std::max(*timeout, 0.001) * 1000)));
    const CURLcode code = curl_easy_perform(easy.get());
    if (code != CURLE_OK)
        std::rethrow_exception(detail::transfer_error(code, response.url_, error));
    detail::read_outcome(easy.get(), response);
    return response;
}

}  // namespace aiohttp
