#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "system_failure.hpp"
#include "usage_error.hpp"

namespace {

namespace fs = std::filesystem;

// The descriptor a path names when it is one of this process's streams: /dev/stdout,
// /dev/stderr, /dev/fd/N, /proc/self/fd/N. Such a path is written through that descriptor, at
// its offset and after what the program already printed there; opening it again would start a
// second write at offset 0 of a redirected file.
std::optional<int> stream_descriptor(std::string_view path) {
    if (path == "/dev/stdout") return STDOUT_FILENO;
    if (path == "/dev/stderr") return STDERR_FILENO;
    for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (!path.starts_with(prefix)) continue;
        const auto digits = path.substr(prefix.size());
        int fd = -1;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
        if (ec == std::errc{} && end == digits.data() + digits.size() && !digits.empty()) return fd;
    }
    return std::nullopt;
}

// The file a path finally names, its symlinks followed (a relative link from the link's own
// folder), so that the picture replaces the file a link points at and the link stays a link.
std::string follow_links(std::string path) {
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
        fs::path target = fs::read_symlink(path, ec);
        if (ec) return path;
        if (target.is_relative()) target = fs::path(path).parent_path() / target;
        path = target.string();
    }
    return path;  // a loop of links: mkstemp beside it reports what is wrong
}

mode_t default_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

OutputFile::OutputFile(std::string path, i18n::Language language)
    : path_(std::move(path)), language_(language) {
    if (path_.empty()) fail_to_open(ENOENT);
    if (auto fd = stream_descriptor(path_)) {
        to_stdout_ = *fd == STDOUT_FILENO;
        fd_ = ::fcntl(*fd, F_DUPFD_CLOEXEC, 3);
        if (fd_ < 0) fail_to_open(errno);
        return;
    }
    struct stat st {};
    mode_t mode = 0;
    if (::stat(path_.c_str(), &st) == 0) {
        // rename() would fail on a folder only after the lesson ran; say so now.
        if (S_ISDIR(st.st_mode)) fail_to_open(EISDIR);
        if (!S_ISREG(st.st_mode)) {
            // A FIFO waits here for its reader, as a shell redirection does.
            fd_ = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd_ < 0) fail_to_open(errno);
            return;
        }
        // A file the user made read-only stays as it is, as it would with a plain open().
        if (::access(path_.c_str(), W_OK) != 0) fail_to_open(errno);
        mode = st.st_mode & 07777;  // the replacement keeps the file's permissions
    } else if (errno == ENOENT) {
        mode = default_mode();  // a new file, or a dangling link: the file it names is created
    } else {
        fail_to_open(errno);
    }
    target_ = follow_links(path_);
    std::string name = target_ + ".tmp-XXXXXX";
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) fail_to_open(errno);
    temporary_ = name;
    ::fchmod(fd_, mode);
}

OutputFile::~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (temporary_ && !committed_) ::unlink(temporary_->c_str());
}

void OutputFile::commit(std::string_view contents) {
    // What the program printed before must come first on a shared stream.
    std::cout.flush();
    while (!contents.empty()) {
        const auto n = ::write(fd_, contents.data(), contents.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail_to_write(n < 0 ? errno : EIO);
        contents.remove_prefix(static_cast<std::size_t>(n));
    }
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 && errno != EINTR) fail_to_write(errno);
    if (temporary_ && std::rename(temporary_->c_str(), target_.c_str()) != 0) fail_to_write(errno);
    committed_ = true;
}

void OutputFile::fail_to_open(int error) {
    throw UsageError("error.cannot_write",
                     {{"path", path_}, {"reason", os_reason(language_, error)}});
}

void OutputFile::fail_to_write(int error) {
    throw SystemFailure(exit_io_error, "error.cannot_write",
                        {{"path", path_}, {"reason", os_reason(language_, error)}});
}
