#pragma once
// asyncdemo trace PROGRAM.py: runs any Python asyncio program under the instrumentation
// module (cli/trace/asyncdemo_trace.py) and shows it as a lesson's run is shown: its printed
// lines tagged with the time and the task, then the timeline and the summary.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command.hpp"
#include "timeline/run_report.hpp"

struct TraceRequest {
    std::string program;
    std::vector<std::string> args;      // after --, handed to the program as sys.argv[1:]
    std::optional<std::string> python;  // --python PATH: python3 on PATH otherwise
    RunSettings run;                    // language, clock, speed
    bool as_json = false;
    std::optional<std::string> svg_path, svg_size, trace_path;
    std::optional<std::string> html_path;  // --html FILE: a replay page for a browser
    // --timeout S: stop after S seconds of the program's time (or of real time), whichever
    // comes first. Under the virtual clock an hour unless given; under the real one, none.
    std::optional<double> timeout;
};

// "2.5" or "2,5" seconds, more than 0: --timeout; anything else is a UsageError (exit 64).
double parse_timeout(const std::string& value);

Command add_trace_command(CLI::App& app, const CommandSetup& setup);
int command_trace(const CommandContext& context, const TraceRequest& request);

// For compare: "sequential.py" names a Python program, not a lesson.
bool is_python_program(std::string_view text);
// The program traced to its end without printing anything, as a run's result for compare.
// Bad input (no such file, a syntax error, no python3) is reported as by command_trace.
RunResult trace_for_compare(const CommandContext& context, const std::string& program,
                            const RunSettings& settings);
