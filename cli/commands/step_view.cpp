#include "commands/step_view.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <iostream>

#include "asyncio/errors.hpp"
#include "asyncio/loop.hpp"
#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "render/wait_words.hpp"
#include "runner/stopped.hpp"

namespace {

volatile std::sig_atomic_t interrupt_seen = 0;
int wake_pipe[2] = {-1, -1};  // the handler's word to the waiting poll(), in any thread
void note_interrupt(int) {
    const int saved = errno;
    interrupt_seen = 1;
    [[maybe_unused]] auto n = ::write(wake_pipe[1], "!", 1);
    errno = saved;
}

// One line from stdin, read a byte at a time so that nothing after it is taken. Ctrl-C ends
// the wait however it comes. From a terminal in its usual mode it is SIGINT, which the
// runtime's own handler would only act on once the loop moves on, after Enter: so SIGINT gets
// a handler of ours for the wait, which wakes the poll() below through a pipe (the signal may
// be delivered to a worker thread). From a raw terminal, or a pipe, it is the byte 0x03.
StepKey read_key_line(std::string& line) {
    if (wake_pipe[0] < 0 && ::pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe[0] = -1;
    using SignalAction = struct sigaction;
    SignalAction ours{}, theirs{};
    ours.sa_handler = note_interrupt;
    sigemptyset(&ours.sa_mask);
    interrupt_seen = 0;
    if (wake_pipe[0] >= 0) sigaction(SIGINT, &ours, &theirs);
    const bool from_terminal = ::isatty(STDIN_FILENO) == 1;
    StepKey key = StepKey::line;
    for (;;) {
        pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {wake_pipe[0], POLLIN, 0}};
        const int ready = ::poll(p, wake_pipe[0] >= 0 ? 2 : 1, -1);
        if (interrupt_seen) {
            key = StepKey::interrupt;
            break;
        }
        if (ready < 0 && errno == EINTR) continue;
        char c = 0;
        const auto n = ready < 0 ? -1 : ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            key = line.empty() ? StepKey::end : StepKey::line;
            break;
        }
        if (c == '\x03') {
            key = StepKey::interrupt;
            break;
        }
        // A raw terminal sends Enter as \r; elsewhere \r is text (and trimmed by the caller).
        if (c == '\n' || (c == '\r' && from_terminal)) break;
        line += c;
    }
    if (wake_pipe[0] >= 0) {
        sigaction(SIGINT, &theirs, nullptr);
        char drained[16];
        while (::read(wake_pipe[0], drained, sizeof drained) > 0) {
        }
    }
    return key;
}

// A clock reading in prose ("t = 1,5 s"): the rule for numbers of i18n/format.hpp.
std::string seconds(i18n::Language language, double t) {
    return i18n::format_number(language, std::round(t * 1000) / 1000);
}
}  // namespace

void StepView::task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId, double) {
    names_[id] = std::string(name);
}

void StepView::task_step_began(asyncio::TaskId id, double) {
    ran_.push_back(id);
}

void StepView::callback_ran(double) {
    ++callbacks_;
}

std::string StepView::name_of(asyncio::TaskId id) const {
    auto it = names_.find(id);
    return it == names_.end() ? "?" : it->second;
}

void StepView::pass_finished(double t) {
    ++pass_;
    auto ran = std::exchange(ran_, {});
    const auto callbacks_run = std::exchange(callbacks_, 0);
    if (running_free_ || stopped_) return;
    auto* loop = asyncio::EventLoop::current_or_null();
    if (!loop) return;
    const auto language = context_.language;
    const auto& style = context_.style;
    auto& out = *context_.out;

    const std::string rule = style.pick("──", "--");
    out << style.paint(rule + " " +
                           i18n::tr(language, "step.pass",
                                    {{"pass", static_cast<std::int64_t>(pass_)},
                                     {"time", seconds(language, t)}}) +
                           " " + rule,
                       "36;1")
        << "\n";
    std::string names;
    for (auto id : ran) names += (names.empty() ? "" : ", ") + name_of(id);
    if (callbacks_run > 0) {
        names += (names.empty() ? "" : ", ") +
                 i18n::tr(language, "step.callbacks", {{"count", callbacks_run}});
    }
    out << "  "
        << i18n::tr(language, "step.ran", {{"tasks", names.empty() ? style.pick("—", "-") : names}})
        << "\n";

    std::string ready;
    const auto ready_ids = loop->ready_tasks();
    for (auto id : ready_ids) ready += (ready.empty() ? "" : ", ") + name_of(id);
    const auto callbacks = static_cast<std::int64_t>(loop->ready_callbacks());
    if (callbacks > 0) {
        ready += (ready.empty() ? "" : ", ") +
                 i18n::tr(language, "step.callbacks", {{"count", callbacks}});
    }
    out << "  "
        << i18n::tr(language, "step.ready",
                    {{"tasks", ready.empty() ? style.pick("—", "-") : ready}})
        << "\n";

    bool any_waiting = false;
    for (const auto& w : loop->waiting_tasks()) {
        // A task whose wait is over sits in the ready queue; it is listed there.
        if (w.on == asyncio::WaitOn::ready ||
            std::find(ready_ids.begin(), ready_ids.end(), w.task) != ready_ids.end())
            continue;
        if (!any_waiting) out << "  " << i18n::tr(language, "step.waiting") << "\n";
        any_waiting = true;
        const std::string what =
            w.wakes_at >= 0
                ? i18n::tr(language, "step.timer", {{"time", seconds(language, w.wakes_at)}})
                : render::describe_wait(language, w.on, w.detail);
        out << "    " << i18n::pad_right(w.name, 10) << " " << what << "\n";
    }
    out << style.dim(i18n::tr(language, "step.keys")) << " " << std::flush;
    std::string line;
    const StepKey key = read_line(line);
    if (key == StepKey::interrupt) {
        // As SIGINT ends a run: the outcome "interrupted", the timeline so far, exit 130.
        out << "\n";
        stopped_ = true;
        throw asyncio::KeyboardInterrupt();
    }
    if (key == StepKey::end) {
        out << "\n";
        running_free_ = true;  // no more input: let the lesson finish
        return;
    }
    if (!isatty(STDIN_FILENO)) out << "\n";  // a terminal echoes the Enter; a pipe does not
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line == "c" || line == "C") running_free_ = true;
    if (line == "q" || line == "Q") {
        stopped_ = true;
        throw RunStopped{};  // q: the run ends there
    }
}

StepKey StepView::read_line(std::string& line) {
    // The program's own stdin is read from its descriptor, to see Ctrl-C as it comes.
    if (in_.rdbuf() == std::cin.rdbuf()) return read_key_line(line);
    if (!std::getline(in_, line)) return StepKey::end;
    return line.find('\x03') == std::string::npos ? StepKey::line : StepKey::interrupt;
}
