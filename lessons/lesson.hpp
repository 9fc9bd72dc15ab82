#pragma once
// A lesson program as the runner starts it: its main coroutine, or a function that drives
// its own loop. The lesson context (params, say) is plain data in lesson_context.hpp.
#include "asyncio/asyncio.hpp"
#include "lesson_context.hpp"

namespace lesson {

// Most lessons are their main coroutine, which asyncio::run() runs as the task "main".
using MainCoroutine = asyncio::Coroutine<> (*)(Context&);
// A lesson about the loop itself makes and drives its own loop with these options (clock,
// speed, observer), the way Python code calls new_event_loop() and run_until_complete().
using LoopDriver = void (*)(Context&, const asyncio::LoopOptions&);

struct Program {
    MainCoroutine main = nullptr;
    LoopDriver drive = nullptr;
    Program() = default;
    Program(MainCoroutine m) : main(m) {}
    Program(LoopDriver d) : drive(d) {}
    explicit operator bool() const { return main || drive; }
};

}  // namespace lesson
