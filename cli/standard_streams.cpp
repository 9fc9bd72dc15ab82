#include "standard_streams.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <streambuf>

#include "exit_codes.hpp"
#include "i18n/messages.hpp"
#include "system_failure.hpp"

namespace {

std::atomic<void (*)()> on_reader_gone{nullptr};
volatile std::sig_atomic_t reader_left = 0;

// stdout through write(2): buffered, by line on a terminal as stdio does, and keeping the
// errno of the first write that failed. After a failure the text is dropped and std::cout
// turns bad, so that nothing more is tried.
class StdoutBuffer : public std::streambuf {
  public:
    StdoutBuffer() : by_line_(::isatty(STDOUT_FILENO) == 1) { reset(); }
    bool failed() const { return error_ != 0; }
    int error() const { return error_; }

  protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
        if (by_line_ && c == '\n' && !drain()) return traits_type::eof();
        return c;
    }

    std::streamsize xsputn(const char* text, std::streamsize n) override {
        for (std::streamsize done = 0; done < n;) {
            if (pptr() == epptr() && !drain()) return done;
            const auto part = std::min<std::streamsize>(epptr() - pptr(), n - done);
            std::memcpy(pptr(), text + done, static_cast<std::size_t>(part));
            pbump(static_cast<int>(part));
            done += part;
        }
        if (by_line_ && std::memchr(text, '\n', static_cast<std::size_t>(n)) && !drain()) return 0;
        return n;
    }

    int sync() override { return drain() ? 0 : -1; }

  private:
    void reset() { setp(buffer_, buffer_ + sizeof buffer_); }

    bool drain() {
        const char* from = pbase();
        while (!failed() && from < pptr()) {
            const auto n = ::write(STDOUT_FILENO, from, static_cast<std::size_t>(pptr() - from));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) fail(n < 0 ? errno : EIO);
            if (n > 0) from += n;
        }
        reset();
        return !failed();
    }

    void fail(int error) {
        error_ = error;
        if (error != EPIPE) return;
        reader_left = 1;
        if (auto hook = on_reader_gone.load()) hook();
    }

    char buffer_[8192];
    bool by_line_;
    int error_ = 0;
};

StdoutBuffer* stdout_buffer = nullptr;

// Whether stdout is a pipe or socket whose reader has closed its end.
bool reader_gone() {
    struct stat st {};
    if (::fstat(STDOUT_FILENO, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        return false;
    pollfd p{STDOUT_FILENO, POLLOUT, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0;
}

}  // namespace

void prepare_standard_streams() {
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // The lowest free number is taken: fd itself, as the ones below it are open.
        const int opened = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
        if (opened != fd) std::_Exit(exit_internal);  // no /dev/null: nothing sane to do
    }
    // A write to a pipe whose reader has gone fails with EPIPE instead of ending the process
    // where it stands: a run is then stopped and cleaned up as Ctrl-C does, and StdoutCheck
    // ends the program as SIGPIPE would have. Children get SIGPIPE's default back (posix_spawn
    // with POSIX_SPAWN_SETSIGDEF; Python ignores it itself).
    std::signal(SIGPIPE, SIG_IGN);
    // Never deleted: std::cout is flushed once more after every static object is gone.
    stdout_buffer = new StdoutBuffer;
    std::cout.rdbuf(stdout_buffer);
}

bool stdout_reader_gone() {
    return reader_left != 0;
}

void on_stdout_reader_gone(void (*hook)()) {
    on_reader_gone = hook;
}

StdoutCheck::~StdoutCheck() {
    if (std::uncaught_exceptions() > 0) return;
    std::cout.flush();
    const int error = stdout_buffer && stdout_buffer->failed() ? stdout_buffer->error() : 0;
    if (!error && !std::cout.bad()) return;
    if (error == EPIPE || reader_gone()) {
        // SIGPIPE is ignored (by us, or by whoever started us): end as it would have ended us.
        std::signal(SIGPIPE, SIG_DFL);
        std::raise(SIGPIPE);
        std::_Exit(exit_reader_gone);  // SIGPIPE blocked: the same status
    }
    std::cerr << "asyncdemo: " << i18n::tr(language_, "error.prefix") << ": "
              << i18n::tr(language_, "error.stdout_lost",
                          {{"reason", os_reason(language_, error ? error : EIO)}})
              << "\n";
    std::_Exit(exit_io_error);
}
