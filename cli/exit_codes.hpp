#pragma once
// The exit codes of docs/CONTRACT.md, "Exit codes" (sysexits.h values where one fits).
enum ExitCode : int {
    exit_ok = 0,
    exit_usage = 64,          // unknown lesson, bad --set, unknown language, unwritable --svg...
    exit_data = 65,           // EX_DATAERR: lessons.json is damaged, or `check` found a problem
    exit_unavailable = 69,    // `serve` cannot listen: its port is taken (or not allowed)
    exit_internal = 70,       // a bug: a lesson that does not behave as its catalogue says
    exit_cannot_create = 73,  // the tour's progress cannot be kept (its folder cannot be made)
    exit_io_error = 74,       // output lost: stdout or an exported file failed to be written
    exit_interrupted = 130,   // Ctrl-C
};
