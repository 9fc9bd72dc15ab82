#include "aiofiles/file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include "aiofiles/fs_call.hpp"
#include "asyncio/errors.hpp"

namespace aiofiles {

namespace detail {

namespace {
constexpr std::size_t chunk_size = 64 * 1024;

struct Mode {
    int flags = 0;
    bool readable = false;
    bool writable = false;
    bool append = false;
};

Mode parse_mode(const std::string& mode) {
    Mode m;
    char kind = 0;
    bool plus = false;
    bool text = false;
    bool binary = false;
    auto invalid = [&] { return asyncio::ValueError("invalid mode: '" + mode + "'"); };
    for (char c : mode) {
        switch (c) {
            case 'r':
            case 'w':
            case 'a':
            case 'x':
                if (kind) throw invalid();
                kind = c;
                break;
            case '+':
                if (plus) throw invalid();
                plus = true;
                break;
            case 'b':
                if (binary || text) throw invalid();
                binary = true;
                break;
            case 't':
                if (binary || text) throw invalid();
                text = true;
                break;
            default:
                throw invalid();
        }
    }
    if (!kind) throw invalid();
    m.readable = kind == 'r' || plus;
    m.writable = kind != 'r' || plus;
    m.append = kind == 'a';
    m.flags = m.readable && m.writable ? O_RDWR : m.readable ? O_RDONLY : O_WRONLY;
    if (kind == 'w') m.flags |= O_CREAT | O_TRUNC;
    if (kind == 'a') m.flags |= O_CREAT | O_APPEND;
    if (kind == 'x') m.flags |= O_CREAT | O_EXCL;
    return m;
}
}  // namespace

// The open file. `position` is where the program is in the file; `ahead` holds bytes read
// from there on that no one has asked for yet (readline reads in chunks).
struct FileState {
    std::string path;
    std::string mode;
    Mode parsed;
    uv_file fd = -1;
    std::int64_t position = 0;
    std::string ahead;

    ~FileState() {
        if (fd < 0) return;
        ::close(fd);  // no loop to wait on in a destructor: done here and now
    }

    void check_open() const {
        if (fd < 0) throw asyncio::ValueError("I/O operation on closed file.");
    }
    void check_readable() const {
        check_open();
        if (!parsed.readable) throw asyncio::ValueError("File not open for reading");
    }

    // Reads one more chunk after what `ahead` holds; false at the end of the file.
    asyncio::Coroutine<bool> read_more(std::size_t at_least) {
        const std::int64_t offset = position + static_cast<std::int64_t>(ahead.size());
        const uv_file file = fd;
        detail::FsStart start = [file, offset](uv_loop_t* loop, uv_fs_t* req, std::string& data,
                                               uv_fs_cb cb) {
            uv_buf_t buf = uv_buf_init(data.data(), static_cast<unsigned>(data.size()));
            return uv_fs_read(loop, req, file, &buf, 1, offset, cb);
        };
        auto outcome = co_await fs_call(std::move(start), path,
                                        std::string(std::max(at_least, chunk_size), '\0'));
        outcome.data.resize(static_cast<std::size_t>(outcome.result));
        ahead += outcome.data;
        co_return outcome.result > 0;
    }

    std::string take(std::size_t n) {
        n = std::min(n, ahead.size());
        std::string data = ahead.substr(0, n);
        ahead.erase(0, n);
        position += static_cast<std::int64_t>(n);
        return data;
    }
};

}  // namespace detail

const std::string& AsyncFile::name() const noexcept {
    return state_->path;
}
const std::string& AsyncFile::mode() const noexcept {
    return state_->mode;
}
bool AsyncFile::closed() const noexcept {
    return state_->fd < 0;
}

asyncio::Coroutine<std::string> AsyncFile::read(std::ptrdiff_t n) {
    auto state = state_;
    state->check_readable();
    // Each read's answer is named before it is tested: g++ 12 miscompiles a co_await inside a
    // condition (lessons/README.md, house rules).
    if (n < 0) {
        for (;;) {
            const bool more = co_await state->read_more(0);
            if (!more) break;
        }
        co_return state->take(state->ahead.size());
    }
    const auto wanted = static_cast<std::size_t>(n);
    while (state->ahead.size() < wanted) {
        const bool more = co_await state->read_more(wanted - state->ahead.size());
        if (!more) break;
    }
    co_return state->take(wanted);
}

asyncio::Coroutine<std::string> AsyncFile::readline() {
    auto state = state_;
    state->check_readable();
    std::size_t searched = 0;
    for (;;) {
        const auto newline = state->ahead.find('\n', searched);
        if (newline != std::string::npos) co_return state->take(newline + 1);
        searched = state->ahead.size();
        const bool more = co_await state->read_more(0);
        if (!more) co_return state->take(state->ahead.size());
    }
}

asyncio::Coroutine<std::vector<std::string>> AsyncFile::readlines() {
    auto state = state_;
    std::vector<std::string> lines;
    for (;;) {
        std::string line = co_await AsyncFile(state).readline();
        if (line.empty()) break;
        lines.push_back(std::move(line));
    }
    co_return lines;
}

asyncio::Coroutine<std::size_t> AsyncFile::write(std::string data) {
    auto state = state_;
    state->check_open();
    if (!state->parsed.writable) throw asyncio::ValueError("File not open for writing");
    const std::size_t total = data.size();
    state->ahead.clear();  // what was read ahead is stale once we write
    std::size_t done = 0;
    while (done < total) {
        // Append mode writes at the end whatever the offset: -1 lets the system say where.
        const std::int64_t offset = state->parsed.append ? -1 : state->position;
        const uv_file file = state->fd;
        detail::FsStart start = [file, offset](uv_loop_t* loop, uv_fs_t* req, std::string& buffer,
                                               uv_fs_cb cb) {
            uv_buf_t buf = uv_buf_init(buffer.data(), static_cast<unsigned>(buffer.size()));
            return uv_fs_write(loop, req, file, &buf, 1, offset, cb);
        };
        auto outcome = co_await detail::fs_call(std::move(start), state->path, data.substr(done));
        done += static_cast<std::size_t>(outcome.result);
        state->position += outcome.result;
    }
    co_return total;
}

asyncio::Coroutine<> AsyncFile::flush() {
    state_->check_open();
    co_return;
}

asyncio::Coroutine<> AsyncFile::close() {
    auto state = state_;
    if (state->fd < 0) co_return;  // closing twice is allowed, as in Python
    const uv_file file = std::exchange(state->fd, -1);
    state->ahead.clear();
    detail::FsStart start = [file](uv_loop_t* loop, uv_fs_t* req, std::string&, uv_fs_cb cb) {
        return uv_fs_close(loop, req, file, cb);
    };
    co_await detail::fs_call(std::move(start), state->path);
}

asyncio::Coroutine<bool> AsyncFile::aexit(const std::exception_ptr&) {
    co_await AsyncFile(state_).close();
    co_return false;
}

asyncio::Coroutine<AsyncFile> open(std::string path, std::string mode) {
    auto state = std::make_shared<detail::FileState>();
    state->parsed = detail::parse_mode(mode);
    state->path = path;
    state->mode = mode;
    const int flags = state->parsed.flags;
    detail::FsStart start = [path, flags](uv_loop_t* loop, uv_fs_t* req, std::string&,
                                          uv_fs_cb cb) {
        return uv_fs_open(loop, req, path.c_str(), flags, 0666, cb);
    };
    auto outcome = co_await detail::fs_call(std::move(start), path);
    state->fd = static_cast<uv_file>(outcome.result);
    co_return AsyncFile(std::move(state));
}

}  // namespace aiofiles
