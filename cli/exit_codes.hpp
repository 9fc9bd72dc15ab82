#pragma once
// The exit codes of docs/CONTRACT.md, "Exit codes" (sysexits.h values where one fits).
enum ExitCode : int {
    exit_ok = 0,
    exit_program_failed = 1,  // trace: the traced program raised, deadlocked or exited non-zero
    exit_usage = 64,          // unknown lesson, bad --set, unknown language, unwritable --svg...
    exit_data = 65,           // EX_DATAERR: lessons.json is damaged, `check` found a problem, or
                              // a traced program does not compile
    exit_no_input = 66,       // trace: the program's file is not there (or not a file)
    exit_unavailable = 69,    // serve: its port is taken; trace: no python3, or one before 3.11
    exit_internal = 70,       // a bug: a lesson that does not behave as its catalogue says
    exit_cannot_create = 73,  // the tour's progress cannot be kept (its folder cannot be made)
    exit_io_error = 74,       // output lost: stdout or an exported file failed to be written
    exit_timeout = 124,       // trace --timeout: the program was stopped (as timeout(1) exits)
    exit_interrupted = 130,   // Ctrl-C
    exit_reader_gone = 141,   // stdout's reader left (`| head`): ended by SIGPIPE (128 + 13),
                              // after a run going on was stopped as Ctrl-C stops it
};
