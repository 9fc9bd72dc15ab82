// The documented exit codes: exit_codes.hpp, the table of each README and docs/CONTRACT.md
// agree.
#include <doctest/doctest.h>

#include <csignal>
#include <regex>
#include <set>

#include "exit_codes.hpp"
#include "run_binary.hpp"

namespace {

// The codes listed in a README's table of exit codes ("| 64 | ..." rows).
std::set<int> documented(const std::string& readme) {
    const std::string text = cli_test::read_file(std::string(SOURCE_DIR) + "/" + readme);
    std::set<int> codes;
    static const std::regex row(R"(\n\| (\d+) \| )");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), row);
         it != std::sregex_iterator(); ++it)
        codes.insert(std::stoi((*it)[1]));
    return codes;
}

}  // namespace

TEST_CASE("every exit code is in the table of the three READMEs and the contract, and only those") {
    CHECK(exit_cannot_create == 73);           // sysexits.h EX_CANTCREAT
    CHECK(exit_io_error == 74);                // sysexits.h EX_IOERR
    CHECK(exit_unavailable == 69);             // sysexits.h EX_UNAVAILABLE
    CHECK(exit_reader_gone == 128 + SIGPIPE);  // what a shell shows for a death by SIGPIPE
    const std::set<int> codes = {exit_ok,       exit_program_failed, exit_usage,
                                 exit_data,     exit_no_input,       exit_unavailable,
                                 exit_internal, exit_cannot_create,  exit_io_error,
                                 exit_timeout,  exit_interrupted,    exit_reader_gone};
    for (const char* readme :
         {"README.md", "README.pt-BR.md", "README.uk.md", "docs/CONTRACT.md"}) {
        INFO(readme);
        CHECK(documented(readme) == codes);
    }
}
