#include "commands/step_view.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <istream>
#include <ostream>

#include "asyncio/loop.hpp"
#include "i18n/messages.hpp"
#include "i18n/width.hpp"

namespace {
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

namespace {
// "the task job-1", "a lock (counter)": what a task waits on, in words.
std::string describe_wait(i18n::Language language, const asyncio::WaitInfo& w) {
    const std::string key = "wait." + w.on;
    if (!i18n::Messages::builtin().has(key)) return w.on + (w.detail.empty() ? "" : " " + w.detail);
    return i18n::tr(language, key, {{"detail", w.detail}});
}
}  // namespace

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
        if (w.on == "ready" ||
            std::find(ready_ids.begin(), ready_ids.end(), w.task) != ready_ids.end())
            continue;
        if (!any_waiting) out << "  " << i18n::tr(language, "step.waiting") << "\n";
        any_waiting = true;
        const std::string what =
            w.wakes_at >= 0
                ? i18n::tr(language, "step.timer", {{"time", seconds(language, w.wakes_at)}})
                : describe_wait(language, w);
        out << "    " << i18n::pad_right(w.name, 10) << " " << what << "\n";
    }
    out << style.dim(i18n::tr(language, "step.keys")) << " " << std::flush;
    std::string line;
    if (!std::getline(in_, line)) {
        out << "\n";
        running_free_ = true;  // no more input: let the lesson finish
        return;
    }
    if (!isatty(STDIN_FILENO)) out << "\n";  // a terminal echoes the Enter; a pipe does not
    if (line == "c" || line == "C") running_free_ = true;
    if (line == "q" || line == "Q") {
        stopped_ = true;
        throw StepStopped{};
    }
}
