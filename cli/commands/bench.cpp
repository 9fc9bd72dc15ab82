#include "commands/bench.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "timeline/recorder.hpp"
#include "usage_error.hpp"
#include "workloads.hpp"

#ifndef ASYNCDEMO_SOURCE_DIR
#define ASYNCDEMO_SOURCE_DIR ""
#endif

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::array<std::string_view, 7> workload_names = {"w1", "w2", "w3", "w4", "w5", "w6", "w7"};

// How a figure reads and which way is better.
enum class Unit { seconds, per_second, bytes, millis };

struct Row {
    std::string measure_key;
    std::string cpp_field, py_field;
    Unit unit;
    bool higher_is_better;
    bool never_early = false;  // W6's minimum: a sign, not a ratio
};

struct Workload {
    std::string name;
    std::vector<std::string> args;  // as py_bench.py takes them
    std::function<json()> run_cpp;
    std::vector<Row> rows;
};

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::optional<std::string> find_in_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return std::nullopt;
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return std::nullopt;
}

// Runs a command through the shell; its last line of output parsed as JSON, or null.
json run_json_command(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe) return nullptr;
    std::string out;
    std::array<char, 4096> buffer{};
    while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    if (::pclose(pipe) != 0) return nullptr;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    const auto start = out.rfind('\n');
    const std::string last = start == std::string::npos ? out : out.substr(start + 1);
    json parsed = json::parse(last, nullptr, false);
    return parsed.is_discarded() ? json(nullptr) : parsed;
}

std::string self_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

std::int64_t arg_int(const std::vector<std::string>& args, std::size_t i) {
    return std::stoll(args.at(i));
}

// A count of the full run at --scale (1: full size), never below 1.
std::string count_at(std::int64_t full, double scale) {
    return std::to_string(
        std::max<std::int64_t>(1, std::llround(static_cast<double>(full) * scale)));
}

// Appends one workload: its name, its arguments, its C++ run and the rows of its figures.
struct Adder {
    std::vector<Workload>& all;
    void operator()(std::string name, std::vector<std::string> args, std::function<json()> run,
                    std::vector<Row> rows) {
        all.push_back({std::move(name), std::move(args), std::move(run), std::move(rows)});
    }
};

// The workloads of tasks and switches (W1 to W3), then of queues, threads, timers and
// start-up (W4 to W7), with their arguments at full size (times --scale) or --quick. The
// counts scale (tasks, switches per task, items, calls); delays, concurrency and the seed do
// not, so that a smaller run measures the same thing.
void plan_tasks(bool quick, double scale, std::vector<Workload>& all) {
    Adder add{all};
    const std::vector<std::string> a1 =
        quick ? std::vector<std::string>{"20000", "0.2"}
              : std::vector<std::string>{count_at(1000000, scale), "1.0"};
    add("w1", a1,
        [a1] {
            const auto r = bench::w1(arg_int(a1, 0), std::stod(a1[1]));
            return json{{"create_s", r.create_s},
                        {"wall_s", r.wall_s},
                        {"overhead_s", r.overhead_s},
                        {"maxrss_kib", r.maxrss_kib},
                        {"empty_maxrss_kib", r.empty_maxrss_kib},
                        {"rss_per_task_bytes", r.rss_per_task_bytes}};
        },
        {{"bench.m.overhead", "overhead_s", "overhead_s", Unit::seconds, false},
         {"bench.m.create", "create_s", "create_s", Unit::seconds, false},
         {"bench.m.rss_task", "rss_per_task_bytes", "rss_per_task_bytes", Unit::bytes, false}});
    const std::vector<std::string> a2 =
        quick ? std::vector<std::string>{"100", "100"}
              : std::vector<std::string>{"1000", count_at(1000, scale)};
    add("w2", a2,
        [a2] {
            const auto r = bench::w2(arg_int(a2, 0), arg_int(a2, 1));
            return json{{"wall_s", r.wall_s}, {"switches_per_s", r.switches_per_s}};
        },
        {{"bench.m.switches", "switches_per_s", "switches_per_s", Unit::per_second, true}});
    const std::vector<std::string> a3 =
        quick ? std::vector<std::string>{"20", "100"}
              : std::vector<std::string>{"100", count_at(1000, scale)};
    add("w3", a3,
        [a3] {
            const auto r = bench::w3(arg_int(a3, 0), arg_int(a3, 1));
            return json{{"wall_s", r.wall_s}, {"acq_per_s", r.acq_per_s}, {"count", r.count}};
        },
        {{"bench.m.acquisitions", "acq_per_s", "acq_per_s", Unit::per_second, true}});
}

void plan_others(bool quick, double scale, std::vector<Workload>& all) {
    const int startup_repeats = quick ? 3 : 5;
    Adder add{all};
    const std::vector<std::string> a4 =
        quick ? std::vector<std::string>{"20000", "100"}
              : std::vector<std::string>{count_at(1000000, scale), "100"};
    add("w4", a4,
        [a4] {
            const auto r = bench::w4(arg_int(a4, 0), arg_int(a4, 1));
            return json{{"wall_s", r.wall_s}, {"items_per_s", r.items_per_s}, {"sum", r.sum}};
        },
        {{"bench.m.items", "items_per_s", "items_per_s", Unit::per_second, true}});
    const std::vector<std::string> a5 =
        quick ? std::vector<std::string>{"500", "50"}
              : std::vector<std::string>{count_at(10000, scale), "100"};
    add("w5", a5,
        [a5] {
            const auto r = bench::w5(arg_int(a5, 0), arg_int(a5, 1));
            return json{{"wall_s", r.wall_s},
                        {"calls_per_s", r.calls_per_s},
                        {"done", r.done},
                        {"pool_threads", r.pool_threads}};
        },
        {{"bench.m.calls", "calls_per_s", "calls_per_s", Unit::per_second, true}});
    const std::vector<std::string> a6 =
        quick ? std::vector<std::string>{"200", "100", "42"}
              : std::vector<std::string>{count_at(1000, scale), "200", "42"};
    add("w6", a6,
        [a6] {
            const auto r = bench::w6(arg_int(a6, 0), arg_int(a6, 1),
                                     static_cast<std::uint64_t>(std::stoull(a6[2])));
            return json{{"wall_s", r.wall_s},
                        {"delay_sum_ms", r.delay_sum_ms},
                        {"late_min_ms", r.late_min_ms},
                        {"late_p50_ms", r.late_p50_ms},
                        {"late_p99_ms", r.late_p99_ms},
                        {"late_max_ms", r.late_max_ms},
                        {"late_mean_ms", r.late_mean_ms}};
        },
        {{"bench.m.late_p50", "late_p50_ms", "late_p50_ms", Unit::millis, false},
         {"bench.m.late_p99", "late_p99_ms", "late_p99_ms", Unit::millis, false},
         {"bench.m.late_max", "late_max_ms", "late_max_ms", Unit::millis, false},
         {"bench.m.late_min", "late_min_ms", "late_min_ms", Unit::millis, false, true}});
    add("w7", {std::to_string(startup_repeats)},
        [startup_repeats] {
            const double s =
                bench::process_startup_s({self_path(), "bench", "empty"}, startup_repeats);
            return json{{"startup_s", s}, {"repeats", startup_repeats}};
        },
        {{"bench.m.startup", "startup_s", "startup_s", Unit::seconds, false}});
}

std::vector<Workload> plan(bool quick, double scale) {
    std::vector<Workload> all;
    plan_tasks(quick, scale, all);
    plan_others(quick, scale, all);
    return all;
}

// --scale: a fraction of the full sizes, as typed (0.1 or 0,1, as --speed takes it).
double parse_scale(const std::optional<std::string>& value) {
    if (!value) return 1.0;
    std::string text = *value;
    std::replace(text.begin(), text.end(), ',', '.');
    double scale = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), scale);
    if (ec != std::errc{} || end != text.data() + text.size() || !(scale >= 0.01 && scale <= 1))
        throw UsageError("error.bad_scale", {{"value", *value}});
    return scale;
}

// W1 with the timeline recorder attached, against W1 detached: what watching a run costs.
// 100,000 tasks at full size (the figure), W1's delay.
struct RecorderCost {
    std::int64_t tasks = 0;
    double delay_s = 0, attached_s = 0, detached_s = 0;
    double ratio() const { return detached_s > 0 ? attached_s / detached_s : std::nan(""); }
};

std::int64_t recorder_tasks(bool quick, double scale) {
    return quick ? 10000 : std::stoll(count_at(100000, scale));
}

RecorderCost measure_recorder(bool quick, double scale) {
    RecorderCost cost;
    cost.tasks = recorder_tasks(quick, scale);
    cost.delay_s = quick ? 0.2 : 1.0;
    cost.detached_s = bench::w1(cost.tasks, cost.delay_s).overhead_s;
    timeline::Recorder recorder;
    cost.attached_s = bench::w1_observed(cost.tasks, cost.delay_s, recorder).overhead_s;
    return cost;
}

json recorder_json(const RecorderCost& cost) {
    const double ratio = cost.ratio();
    return {{"tasks", cost.tasks},
            {"delay_s", cost.delay_s},
            {"attached_overhead_s", cost.attached_s},
            {"detached_overhead_s", cost.detached_s},
            {"ratio", std::isfinite(ratio) ? json(ratio) : json(nullptr)}};
}

// The Python side of one workload, or null.
json run_python(const std::string& python, const std::string& py_bench, const Workload& w) {
    if (w.name == "w7") {
        // A whole process, as the README's target: interpreter start-up and `import asyncio`.
        const int repeats = std::stoi(w.args[0]);
        const double s = bench::process_startup_s(
            {python, "-c", "import asyncio; asyncio.run(asyncio.sleep(0))"}, repeats);
        if (s < 0) return nullptr;
        return json{{"startup_s", s}, {"repeats", repeats}};
    }
    std::string command = shell_quote(python) + " " + shell_quote(py_bench) + " " + w.name;
    for (const auto& a : w.args) command += " " + a;
    json result = run_json_command(command);
    if (result.is_null() || w.name != "w1") return result;
    // Peak RSS per task: W1's ru_maxrss minus an empty run's, as the README measures it.
    json empty = run_json_command(shell_quote(python) + " " + shell_quote(py_bench) + " empty");
    if (!empty.is_null() && result.contains("maxrss_kib_inproc") &&
        empty.contains("maxrss_kib_inproc")) {
        const double n = std::stod(w.args[0]);
        const double kib =
            result["maxrss_kib_inproc"].get<double>() - empty["maxrss_kib_inproc"].get<double>();
        result["empty_maxrss_kib"] = empty["maxrss_kib_inproc"];
        result["rss_per_task_bytes"] = kib * 1024.0 / n;
    }
    return result;
}

std::string localize_number(i18n::Language language, std::string text) {
    if (language != i18n::Language::en)
        for (char& c : text)
            if (c == '.') c = ',';
    return text;
}

std::string format_figure(i18n::Language language, double v, Unit unit) {
    std::string text;
    switch (unit) {
        case Unit::seconds:
            text =
                std::abs(v) >= 1 ? fmt::format("{:.2f} s", v) : fmt::format("{:.1f} ms", v * 1e3);
            break;
        case Unit::millis:
            text = fmt::format("{:.3f} ms", v);
            break;
        case Unit::bytes:
            text = fmt::format("{:.0f} B", v);
            break;
        case Unit::per_second:
            text = v >= 1e6   ? fmt::format("{:.2f} M/s", v / 1e6)
                   : v >= 1e3 ? fmt::format("{:.1f} k/s", v / 1e3)
                              : fmt::format("{:.0f} /s", v);
            break;
    }
    return localize_number(language, text);
}

std::string format_ratio(i18n::Language language, const Row& row, double cpp, double py) {
    if (row.never_early)
        return cpp >= 0 ? i18n::tr(language, "bench.never_early")
                        : i18n::tr(language, "bench.early");
    if (!(cpp > 0) || !(py > 0) || !std::isfinite(cpp) || !std::isfinite(py)) return "—";
    double r = row.higher_is_better ? cpp / py : py / cpp;
    const bool better = r >= 1;
    if (!better) r = 1 / r;
    if (r < 1.05) return i18n::tr(language, "bench.same");
    const std::string number =
        localize_number(language, r >= 10 ? fmt::format("{:.0f}", r) : fmt::format("{:.1f}", r));
    const bool speed = row.unit == Unit::seconds || row.unit == Unit::per_second;
    const char* key =
        speed ? (better ? "bench.faster" : "bench.slower") : (better ? "bench.less" : "bench.more");
    return i18n::tr(language, key, {{"ratio", number}});
}

double field(const json& figures, const std::string& name) {
    if (!figures.is_object() || !figures.contains(name) || !figures[name].is_number())
        return std::nan("");
    return figures[name].get<double>();
}

}  // namespace

std::string find_py_bench() {
    if (const char* env = std::getenv("ASYNCDEMO_PY_BENCH"); env && *env)
        return fs::exists(env) ? std::string(env) : std::string();
    const std::string source = ASYNCDEMO_SOURCE_DIR;
    if (source.empty()) return {};
    const fs::path p = fs::path(source) / ".." / "shared" / "bench" / "py_bench.py";
    std::error_code ec;
    return fs::exists(p, ec) ? fs::weakly_canonical(p, ec).string() : std::string();
}

namespace {

// One row of the table: the workload (on its first row only), what is measured, both figures
// and their ratio.
struct Line {
    std::string workload, measure, cpp, py, ratio;
};

// The workloads asked for (all when none), in the usual order, each once: W1 first, because
// its RSS figure is a high-water mark. A UsageError names the valid ones.
std::vector<std::string> chosen_workloads(const std::vector<std::string>& asked) {
    std::string valid;
    for (auto n : workload_names) valid += (valid.empty() ? "" : ", ") + std::string(n);
    for (const auto& name : asked) {
        bool known = false;
        for (auto n : workload_names) known = known || n == name;
        if (!known)
            throw UsageError("error.unknown_workload", {{"workload", name}, {"valid", valid}});
    }
    std::vector<std::string> chosen;
    for (auto n : workload_names) {
        const bool wanted =
            asked.empty() || std::find(asked.begin(), asked.end(), n) != asked.end();
        if (wanted) chosen.emplace_back(n);
    }
    return chosen;
}

// CPython's side of the comparison: python3 and py_bench.py, where found.
struct PythonSide {
    std::optional<std::string> python;
    std::string py_bench;
    std::string version;
    bool usable() const { return python && !py_bench.empty(); }
};

PythonSide find_python_side() {
    PythonSide side;
    side.python = find_in_path("python3");
    side.py_bench = find_py_bench();
    if (side.python) {
        json v =
            run_json_command(shell_quote(*side.python) +
                             " -c 'import json,sys; print(json.dumps(sys.version.split()[0]))'");
        if (v.is_string()) side.version = v.get<std::string>();
    }
    return side;
}

// The table rows of one workload's figures.
void add_lines(i18n::Language language, const Workload& w, const json& cpp, const json& py,
               std::vector<Line>& lines) {
    bool first = true;
    for (const auto& row : w.rows) {
        const double c = field(cpp, row.cpp_field);
        const double p = field(py, row.py_field);
        std::string label = w.name;
        if (first && w.name != "w7") {
            for (const auto& a : w.args) label += " " + a;
        }
        lines.push_back({first ? label : "", i18n::tr(language, row.measure_key),
                         std::isfinite(c) ? format_figure(language, c, row.unit) : "—",
                         std::isfinite(p) ? format_figure(language, p, row.unit) : "—",
                         std::isfinite(c) ? format_ratio(language, row, c, p) : "—"});
        first = false;
    }
}

void print_table(const CommandContext& context, const BenchRequest& request, const PythonSide& side,
                 const std::vector<Line>& lines, const std::optional<RecorderCost>& recorder) {
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    const std::string heading =
        request.quick ? i18n::tr(language, "bench.heading_quick")
        : request.scale
            ? i18n::tr(language, "bench.heading_scaled",
                       {{"scale", localize_number(
                                      language, fmt::format("{:g}", parse_scale(request.scale)))}})
            : i18n::tr(language, "bench.heading");
    out << style.bold(heading) << "\n";
    if (!side.python)
        out << i18n::tr(language, "bench.no_python") << "\n";
    else if (side.py_bench.empty())
        out << i18n::tr(language, "bench.no_py_bench") << "\n";
    else
        out << i18n::tr(language, "bench.python",
                        {{"version", side.version}, {"path", side.py_bench}})
            << "\n";
    out << "\n";
    Line header{i18n::tr(language, "bench.col.workload"), i18n::tr(language, "bench.col.measure"),
                "C++", "Python", i18n::tr(language, "bench.col.ratio")};
    std::array<int, 4> width{};
    auto widen = [&](const Line& l) {
        width[0] = std::max(width[0], i18n::display_width(l.workload));
        width[1] = std::max(width[1], i18n::display_width(l.measure));
        width[2] = std::max(width[2], i18n::display_width(l.cpp));
        width[3] = std::max(width[3], i18n::display_width(l.py));
    };
    widen(header);
    for (const auto& l : lines) widen(l);
    auto print = [&](const Line& l) {
        out << i18n::pad_right(l.workload, width[0]) << "  " << i18n::pad_right(l.measure, width[1])
            << "  " << i18n::pad_left(l.cpp, width[2]) << "  " << i18n::pad_left(l.py, width[3])
            << "  " << l.ratio << "\n";
    };
    out << style.bold(i18n::pad_right(header.workload, width[0]) + "  " +
                      i18n::pad_right(header.measure, width[1]) + "  " +
                      i18n::pad_left(header.cpp, width[2]) + "  " +
                      i18n::pad_left(header.py, width[3]) + "  " + header.ratio)
        << "\n";
    for (const auto& l : lines) print(l);
    if (recorder) {
        const double ratio = recorder->ratio();
        out << "\n"
            << i18n::tr(language, "bench.recorder",
                        {{"tasks", recorder->tasks},
                         {"on", format_figure(language, recorder->attached_s, Unit::seconds)},
                         {"off", format_figure(language, recorder->detached_s, Unit::seconds)},
                         {"ratio", std::isfinite(ratio)
                                       ? localize_number(language, fmt::format("{:.2f}", ratio))
                                       : std::string("—")}})
            << "\n";
    }
    out << "\n" << style.dim(i18n::tr(language, "bench.footer")) << "\n";
}

}  // namespace

int command_bench(const CommandContext& context, const BenchRequest& request) {
    const auto language = context.language;
    if (request.workloads.size() == 1 && request.workloads[0] == "empty") {
        bench::empty_run();
        return 0;
    }
    const auto chosen = chosen_workloads(request.workloads);
    const double scale = parse_scale(request.scale);
    const auto side = find_python_side();
    json report = {{"quick", request.quick},
                   {"scale", request.quick ? json(nullptr) : json(scale)},
                   {"python", side.usable() ? json(*side.python) : json(nullptr)},
                   {"python_version", side.version.empty() ? json(nullptr) : json(side.version)},
                   {"py_bench", side.py_bench.empty() ? json(nullptr) : json(side.py_bench)},
                   {"workloads", json::array()}};
    std::vector<Line> lines;
    for (const auto& w : plan(request.quick, scale)) {
        if (std::find(chosen.begin(), chosen.end(), w.name) == chosen.end()) continue;
        if (!request.as_json)
            std::cerr << i18n::tr(language, "bench.running", {{"workload", w.name}}) << "\n";
        json cpp = w.run_cpp();
        json py = nullptr;
        if (w.name == "w7" ? side.python.has_value() : side.usable())
            py = run_python(*side.python, side.py_bench, w);
        report["workloads"].push_back(
            {{"workload", w.name}, {"args", w.args}, {"cpp", cpp}, {"python", py}});
        add_lines(language, w, cpp, py, lines);
    }
    // Beside W1: the same workload watched by the recorder a lesson's run attaches (a figure,
    // not a verdict: the target is at most twice the cost).
    std::optional<RecorderCost> recorder;
    if (std::find(chosen.begin(), chosen.end(), "w1") != chosen.end()) {
        if (!request.as_json) {
            std::cerr << i18n::tr(language, "bench.running_recorder",
                                  {{"tasks", recorder_tasks(request.quick, scale)}})
                      << "\n";
        }
        recorder = measure_recorder(request.quick, scale);
        report["recorder"] = recorder_json(*recorder);
    }
    if (request.as_json) {
        *context.out << report.dump() << "\n";
        return 0;
    }
    print_table(context, request, side, lines, recorder);
    return 0;
}

Command add_bench_command(CLI::App& app, const CommandSetup& setup) {
    auto request = std::make_shared<BenchRequest>();
    auto* bench = setup.add(app, "bench");
    bench
        ->add_option(setup.text("help.arg.workload"), request->workloads,
                     setup.text("help.opt.bench.workload"))
        ->type_name("");
    auto* quick = bench->add_flag("--quick", request->quick, setup.text("help.opt.bench.quick"));
    bench->add_option("--scale", request->scale, setup.text("help.opt.bench.scale"))
        ->type_name(setup.text("help.type.number"))
        ->excludes(quick);
    bench->add_flag("--json", request->as_json, setup.text("help.opt.bench.json"));

    Command command;
    command.app = bench;
    // The workloads need no lesson: start-up (W7 times `bench empty`) skips the catalogue.
    command.loads_catalogue = false;
    command.writes_data = [request] { return request->as_json; };
    command.run = [request](const CommandContext& context) {
        return command_bench(context, *request);
    };
    return command;
}
