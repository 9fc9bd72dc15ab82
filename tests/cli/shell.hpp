#pragma once
// Runs a shell script around the asyncdemo binary, for the tests that need what run() cannot
// say: closed descriptors, pipelines, FIFOs. $ASYNCDEMO is the binary; the locale is clean.
#include <string>

#include "run_binary.hpp"

namespace cli_test {

// The script's stdout and stderr are its own (the script redirects them as it likes); `status`
// is the shell's exit status.
inline Result shell(const std::string& script) {
    const std::string script_file = scratch("script.sh");
    std::ofstream(script_file) << "ASYNCDEMO='" << ASYNCDEMO_BINARY << "'\n"
                               << "unset LANG LC_ALL LC_MESSAGES LANGUAGE ASYNCDEMO_LANG\n"
                               << "export COLUMNS=80\n"
                               << script << "\n";
    return capture("sh " + script_file, scratch("script-stderr.txt"));
}

}  // namespace cli_test
