#pragma once
// aiohttp's exceptions, spelled as in Python, so that `except aiohttp.ClientError` maps to
// `catch (const aiohttp::ClientError&)`. A total timeout is asyncio::TimeoutError, as it is
// in aiohttp.
#include <string>

#include "asyncio/errors.hpp"

namespace aiohttp {

class ClientError : public asyncio::Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "ClientError"; }
};

#define AIOHTTP_DECLARE_ERROR(Name, Base)                                 \
    class Name : public Base {                                            \
      public:                                                             \
        using Base::Base;                                                 \
        const char* type_name() const noexcept override { return #Name; } \
    }

// No connection could be made: refused, unreachable, a name that does not resolve.
AIOHTTP_DECLARE_ERROR(ClientConnectorError, ClientError);
// The server closed the connection before the whole answer came.
AIOHTTP_DECLARE_ERROR(ServerDisconnectedError, ClientError);

#undef AIOHTTP_DECLARE_ERROR

// An answer with a status of 400 or more, from ClientResponse::raise_for_status().
class ClientResponseError : public ClientError {
  public:
    ClientResponseError(int status, std::string reason, std::string url)
        : ClientError(std::to_string(status) + ", message='" + reason + "', url='" + url + "'"),
          status_(status) {}
    const char* type_name() const noexcept override { return "ClientResponseError"; }
    int status() const noexcept { return status_; }

  private:
    int status_;
};

}  // namespace aiohttp
