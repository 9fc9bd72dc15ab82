#pragma once
// What a task waits on: the kinds the runtime reports to observers (WaitInfo::on), the
// timeline shows and the JSON report writes as "on". Plain data with no dependencies, so
// code that only reads run reports can use it without the rest of the runtime.
#include <cstdint>
#include <optional>
#include <string_view>

namespace asyncio {

enum class WaitOn : std::uint8_t {
    ready,      // nothing: ready to run, waiting for its turn on the loop (a bare yield)
    sleep,      // a timer the task itself set (asyncio.sleep)
    io,         // I/O the task itself started (detail: connect, read, write, http, fs, db)
    thread,     // its own call on a worker thread (to_thread, run_in_executor)
    pool,       // a thread job queued for a free worker
    task,       // another task (await task, wait_for, shield, as_completed)
    gather,     // gather's children
    taskgroup,  // a TaskGroup's children
    wait,       // asyncio.wait
    future,     // a future someone else will set
    lock,
    semaphore,
    event,
    condition,
    queue,
    barrier,
};

inline constexpr WaitOn all_wait_kinds[] = {
    WaitOn::ready, WaitOn::sleep,     WaitOn::io,     WaitOn::thread,
    WaitOn::pool,  WaitOn::task,      WaitOn::gather, WaitOn::taskgroup,
    WaitOn::wait,  WaitOn::future,    WaitOn::lock,   WaitOn::semaphore,
    WaitOn::event, WaitOn::condition, WaitOn::queue,  WaitOn::barrier,
};

// The kind's one name: the JSON report's "on", the key of its text ("wait.<name>"), the
// deadlock message. These names are the contract; nothing else spells them.
constexpr std::string_view to_string(WaitOn on) noexcept {
    switch (on) {
        case WaitOn::ready:
            return "ready";
        case WaitOn::sleep:
            return "sleep";
        case WaitOn::io:
            return "io";
        case WaitOn::thread:
            return "thread";
        case WaitOn::pool:
            return "pool";
        case WaitOn::task:
            return "task";
        case WaitOn::gather:
            return "gather";
        case WaitOn::taskgroup:
            return "taskgroup";
        case WaitOn::wait:
            return "wait";
        case WaitOn::future:
            return "future";
        case WaitOn::lock:
            return "lock";
        case WaitOn::semaphore:
            return "semaphore";
        case WaitOn::event:
            return "event";
        case WaitOn::condition:
            return "condition";
        case WaitOn::queue:
            return "queue";
        case WaitOn::barrier:
            return "barrier";
    }
    return "future";
}

// The kind a name stands for (reading a report back); nullopt for a name no kind has.
constexpr std::optional<WaitOn> wait_on_named(std::string_view name) noexcept {
    for (WaitOn on : all_wait_kinds)
        if (to_string(on) == name) return on;
    return std::nullopt;
}

}  // namespace asyncio
