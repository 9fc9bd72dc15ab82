#pragma once
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"

// asyncdemo bench [WORKLOAD...] [--quick | --scale F] [--json]: each workload (w1..w7, default all)
// in C++ in this process and, when python3 and py_bench.py are there, in CPython's asyncio; a table
// of both figures and their ratio. The hidden workload `empty` only runs an empty coroutine: it is
// the child whose start-up W7 times.
struct BenchRequest {
    std::vector<std::string> workloads;
    bool quick = false;
    // --scale F: every count at F times its full size (0.01 to 1), as typed; none is full size.
    std::optional<std::string> scale;
    bool as_json = false;
};
Command add_bench_command(CLI::App& app, const CommandSetup& setup);
int command_bench(const CommandContext& context, const BenchRequest& request);

// Where py_bench.py is: $ASYNCDEMO_PY_BENCH, else ../shared/bench/py_bench.py next to the
// source tree; empty when neither exists.
std::string find_py_bench();
