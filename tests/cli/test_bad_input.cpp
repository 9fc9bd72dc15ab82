// The README's table of bad input, kept true: each README (en, pt-BR, uk) has the table between
// <!-- bad-input table --> markers; every row's command is run as a user would type it, with
// LANG in that README's language, and must end with the row's exit code and say the row's text
// (in that language, so the message's language is checked too). A refused command (64) prints
// nothing on stdout; no row may crash, hang or leak.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_binary.hpp"

namespace {

struct Row {
    std::string name, command, says;  // says: the backquoted text, empty for "nothing"
    int exit_code = -1;
};

// The cells of a Markdown table row; "\|" is a | inside a cell.
std::vector<std::string> cells_of(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (line[i] == '|') {
            const auto first = cell.find_first_not_of(' ');
            const auto last = cell.find_last_not_of(' ');
            cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return cells;
}

std::string unquote(const std::string& cell) {
    if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`')
        return cell.substr(1, cell.size() - 2);
    return "";
}

std::vector<Row> table_of(const std::string& readme) {
    const auto text = cli_test::read_file(std::string(SOURCE_DIR) + "/" + readme);
    const auto begin = text.find("<!-- bad-input table -->");
    const auto end = text.find("<!-- /bad-input table -->");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    std::vector<Row> rows;
    std::istringstream lines(text.substr(begin, end - begin));
    std::string line;
    int seen = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] != '|' || ++seen <= 2) continue;  // the heading, the rule
        const auto cells = cells_of(line);
        REQUIRE(cells.size() == 4);
        Row row{cells[0], unquote(cells[1]), unquote(cells[3]), std::stoi(cells[2])};
        REQUIRE_MESSAGE(!row.command.empty(), line);
        rows.push_back(row);
    }
    return rows;
}

// A folder as the table describes it: asyncdemo on PATH, a broken.json, a damaged progress
// file (written again before each row, as `progress` sets it aside).
class Folder {
  public:
    explicit Folder(const std::string& name) : dir_(cli_test::scratch(name)) {
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_ + "/bin");
        std::filesystem::create_symlink(ASYNCDEMO_BINARY, dir_ + "/bin/asyncdemo");
        std::ofstream(dir_ + "/broken.json") << "{\"lessons\": [\n";
    }

    cli_test::Result run(const std::string& command, const std::string& locale) const {
        std::filesystem::create_directories(dir_ + "/state/asyncdemo");
        std::ofstream(dir_ + "/state/asyncdemo/progress.json") << "{\"next_lesson\": ";
        std::ofstream(dir_ + "/case.sh") << "set -o pipefail\n" << command << "\n";
        std::string pass;  // the sanitizers' options, when the suite runs under them
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"})
            if (const char* value = std::getenv(name))
                pass += std::string(" ") + name + "='" + value + "'";
        return cli_test::capture("cd " + dir_ + " && env -i PATH=" + dir_ +
                                     "/bin:/usr/bin:/bin HOME=" + dir_ + " XDG_STATE_HOME=" + dir_ +
                                     "/state COLUMNS=80 LANG=" + locale + pass + " bash case.sh",
                                 dir_ + "/stderr.txt");
    }

  private:
    std::string dir_;
};

void check_table(const std::string& readme, const std::string& locale) {
    const auto rows = table_of(readme);
    CHECK(rows.size() >= 20);  // every case of issue 11's list
    const Folder folder("bad-input-" + locale);
    for (const auto& row : rows) {
        INFO(readme << ": " << row.name << ": " << row.command);
        const auto r = folder.run(row.command, locale);
        INFO("stdout: " << r.out.substr(0, 2000) << "\nstderr: " << r.err);
        CHECK(r.status == row.exit_code);
        CHECK(r.err.find("Sanitizer") == std::string::npos);
        CHECK(r.err.find("runtime error") == std::string::npos);
        CHECK(r.err.find("terminate") == std::string::npos);
        if (row.says.empty()) {
            CHECK(r.err.empty());
        } else if (row.exit_code == 0 || row.exit_code == 65) {
            CHECK(r.out.find(row.says) != std::string::npos);
        } else {
            CHECK(r.err.find(row.says) != std::string::npos);
        }
        if (row.exit_code == 64) CHECK(r.out.empty());  // refused before anything started
    }
}

}  // namespace

TEST_CASE("bad input: the README's table is what asyncdemo does, in English") {
    check_table("README.md", "en_US.UTF-8");
}

TEST_CASE("bad input: the README's table is what asyncdemo does, in Portuguese") {
    check_table("README.pt-BR.md", "pt_BR.UTF-8");
}

TEST_CASE("bad input: the README's table is what asyncdemo does, in Ukrainian") {
    check_table("README.uk.md", "uk_UA.UTF-8");
}

TEST_CASE("bad input: the three READMEs list the same cases") {
    const auto en = table_of("README.md");
    for (const char* readme : {"README.pt-BR.md", "README.uk.md"}) {
        const auto other = table_of(readme);
        REQUIRE(other.size() == en.size());
        for (std::size_t i = 0; i < en.size(); ++i) {
            INFO(readme << " row " << i + 1);
            CHECK(other[i].exit_code == en[i].exit_code);
            // The same command, but for the locale a row may name in its own language.
            if (en[i].command.rfind("LANG=", 0) != 0) CHECK(other[i].command == en[i].command);
        }
    }
}
