#include "asyncio/os_errors.hpp"

#include <cerrno>
#include <cstring>

namespace asyncio {

namespace {
std::string os_message(int errno_value, const std::string& strerror, const std::string& filename) {
    std::string text = "[Errno " + std::to_string(errno_value) + "] " + strerror;
    if (!filename.empty()) text += ": '" + filename + "'";
    return text;
}

std::string c_strerror(int errno_value) {
    // The GNU strerror_r: thread-safe, returns the text (maybe not in `buffer`).
    char buffer[128];
    return ::strerror_r(errno_value, buffer, sizeof buffer);
}

std::string incomplete_message(std::size_t got, std::optional<std::size_t> expected) {
    return std::to_string(got) + " bytes read on a total of " +
           (expected ? std::to_string(*expected) : std::string("None")) + " expected bytes";
}

template <class E>
std::exception_ptr make(int errno_value, std::string strerror, std::string filename) {
    return std::make_exception_ptr(E(errno_value, std::move(strerror), std::move(filename)));
}
}  // namespace

OSError::OSError(int errno_value, std::string strerror, std::string filename)
    : Exception(os_message(errno_value, strerror, filename)),
      errno_(errno_value),
      strerror_(std::move(strerror)),
      filename_(std::move(filename)) {}

IncompleteReadError::IncompleteReadError(std::string partial, std::optional<std::size_t> expected)
    : EOFError(incomplete_message(partial.size(), expected)),
      partial_(std::move(partial)),
      expected_(expected) {}

std::exception_ptr make_os_error(int errno_value, std::string filename, std::string strerror) {
    if (strerror.empty()) strerror = c_strerror(errno_value);
    auto&& f = std::move(filename);
    auto&& s = std::move(strerror);
    switch (errno_value) {  // the table of Python's Objects/exceptions.c
        case EPIPE:
        case ESHUTDOWN:
            return make<BrokenPipeError>(errno_value, s, f);
        case ECONNABORTED:
            return make<ConnectionAbortedError>(errno_value, s, f);
        case ECONNREFUSED:
            return make<ConnectionRefusedError>(errno_value, s, f);
        case ECONNRESET:
            return make<ConnectionResetError>(errno_value, s, f);
        case ENOENT:
            return make<FileNotFoundError>(errno_value, s, f);
        case EEXIST:
            return make<FileExistsError>(errno_value, s, f);
        case EACCES:
        case EPERM:
            return make<PermissionError>(errno_value, s, f);
        case EISDIR:
            return make<IsADirectoryError>(errno_value, s, f);
        case ENOTDIR:
            return make<NotADirectoryError>(errno_value, s, f);
        default:
            return make<OSError>(errno_value, s, f);
    }
}

std::exception_ptr os_error_from_uv(int status, std::string filename) {
    return make_os_error(-status, std::move(filename));
}

void raise_uv_error(int status, std::string filename) {
    std::rethrow_exception(os_error_from_uv(status, std::move(filename)));
}

}  // namespace asyncio
