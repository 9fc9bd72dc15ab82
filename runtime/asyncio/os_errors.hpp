#pragma once
// Python's OSError family and the two errors of asyncio's streams, spelled as in Python:
//
//     OSError ← ConnectionError ← ConnectionRefusedError, ConnectionResetError,
//                                 ConnectionAbortedError, BrokenPipeError
//     OSError ← FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError,
//               NotADirectoryError
//     EOFError ← IncompleteReadError;  LimitOverrunError
//
// An OSError carries the errno and its text, and the file name when there is one; its message
// reads as Python prints it: "[Errno 2] No such file or directory: 'notes.txt'".
#include <cstddef>
#include <exception>
#include <optional>
#include <string>

#include "asyncio/errors.hpp"

namespace asyncio {

class OSError : public Exception {
  public:
    OSError(int errno_value, std::string strerror, std::string filename = {});
    const char* type_name() const noexcept override { return "OSError"; }
    int errno_value() const noexcept { return errno_; }
    const std::string& strerror() const noexcept { return strerror_; }
    const std::string& filename() const noexcept { return filename_; }

  private:
    int errno_;
    std::string strerror_;
    std::string filename_;
};

#define ASYNCIO_DECLARE_OS_ERROR(Name, Base)                              \
    class Name : public Base {                                            \
      public:                                                             \
        using Base::Base;                                                 \
        const char* type_name() const noexcept override { return #Name; } \
    }

ASYNCIO_DECLARE_OS_ERROR(ConnectionError, OSError);
ASYNCIO_DECLARE_OS_ERROR(BrokenPipeError, ConnectionError);
ASYNCIO_DECLARE_OS_ERROR(ConnectionAbortedError, ConnectionError);
ASYNCIO_DECLARE_OS_ERROR(ConnectionRefusedError, ConnectionError);
ASYNCIO_DECLARE_OS_ERROR(ConnectionResetError, ConnectionError);
ASYNCIO_DECLARE_OS_ERROR(FileNotFoundError, OSError);
ASYNCIO_DECLARE_OS_ERROR(FileExistsError, OSError);
ASYNCIO_DECLARE_OS_ERROR(PermissionError, OSError);
ASYNCIO_DECLARE_OS_ERROR(IsADirectoryError, OSError);
ASYNCIO_DECLARE_OS_ERROR(NotADirectoryError, OSError);

#undef ASYNCIO_DECLARE_OS_ERROR

class EOFError : public Exception {
  public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "EOFError"; }
};

// The stream ended before `expected` bytes (or the separator) arrived; `partial` is what came.
class IncompleteReadError : public EOFError {
  public:
    IncompleteReadError(std::string partial, std::optional<std::size_t> expected);
    const char* type_name() const noexcept override { return "IncompleteReadError"; }
    const std::string& partial() const noexcept { return partial_; }
    std::optional<std::size_t> expected() const noexcept { return expected_; }

  private:
    std::string partial_;
    std::optional<std::size_t> expected_;
};

// readuntil found no separator within the reader's limit; `consumed` bytes are to be skipped.
class LimitOverrunError : public Exception {
  public:
    LimitOverrunError(std::string message, std::size_t consumed)
        : Exception(std::move(message)), consumed_(consumed) {}
    const char* type_name() const noexcept override { return "LimitOverrunError"; }
    std::size_t consumed() const noexcept { return consumed_; }

  private:
    std::size_t consumed_;
};

// The OSError subclass Python raises for `errno_value` (ECONNREFUSED gives
// ConnectionRefusedError, ENOENT FileNotFoundError, ...), with the C library's text for it,
// or `strerror` in its place when given.
std::exception_ptr make_os_error(int errno_value, std::string filename = {},
                                 std::string strerror = {});
// The same from a libuv status (a negative errno on Unix).
std::exception_ptr os_error_from_uv(int status, std::string filename = {});
[[noreturn]] void raise_uv_error(int status, std::string filename = {});

}  // namespace asyncio
