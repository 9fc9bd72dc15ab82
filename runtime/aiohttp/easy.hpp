#pragma once
// What every request shares, with the session (multi) or without (blocking_get): one curl easy
// handle set up the same way, its outcome read the same way, its failures mapped to the same
// exception types.
#include <curl/curl.h>

#include <exception>
#include <string>

#include "aiohttp/response.hpp"

namespace aiohttp::detail {

// curl_global_init, once per process.
void global_init();
// The URL (response.url_), the method, no proxy from the environment, redirects followed, and
// callbacks that fill `response`'s headers and body. `error_buffer` holds CURL_ERROR_SIZE.
void configure_easy(CURL* easy, const std::string& method, ClientResponse& response,
                    char* error_buffer);
// The status and the final URL, once the transfer is over.
void read_outcome(CURL* easy, ClientResponse& response);
// ClientConnectorError, asyncio::TimeoutError, ServerDisconnectedError or ClientError.
std::exception_ptr transfer_error(CURLcode code, const std::string& url, const char* detail);

}  // namespace aiohttp::detail
