// asyncdemo serve as a user runs it: started on a free port, asked with the project's own HTTP
// client (and with Python's aiohttp and requests when Debian's packages are there), stopped
// with Ctrl-C (SIGINT). Every wait on the child is bounded, so a hang fails instead of sticking.
#include <doctest/doctest.h>
#include <signal.h>

#include <cstdlib>
#include <string>

#include "aiohttp/aiohttp.hpp"
#include "asyncio/asyncio.hpp"
#include "child_process.hpp"
#include "run_binary.hpp"

namespace {

// The serve command in a child process (cli_test::ChildProcess: its stdout read as it comes,
// every wait bounded, killed if left running).
class ServeProcess : public cli_test::ChildProcess {
  public:
    explicit ServeProcess(const std::string& lang)
        : ChildProcess({"serve", "--port", "0", "--lang", lang}) {}

    int port() const {
        const auto at = output.find("127.0.0.1:");
        return at == std::string::npos ? 0 : std::atoi(output.c_str() + at + 10);
    }

    // Sends SIGINT, once serve handles it, and waits (bounded) for the exit status.
    int interrupt() {
        REQUIRE(catches_sigint());
        signal(SIGINT);
        return wait(5);
    }
};

bool python_has(const char* module) {
    return std::system(("/usr/bin/python3 -c 'import " + std::string(module) + "' >/dev/null 2>&1")
                           .c_str()) == 0;
}

}  // namespace

TEST_CASE("serve: prints its routes, one line per request, and stops on Ctrl-C with 130") {
    ServeProcess serve("pt-BR");
    REQUIRE(serve.read_until("Ctrl-C para o servidor."));
    const int port = serve.port();
    REQUIRE(port > 0);
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    CHECK(serve.output.find("Servidor de teste em " + base) != std::string::npos);
    CHECK(serve.output.find(base + "/delay?seconds=0.5") != std::string::npos);
    CHECK(serve.output.find(base + "/flaky?fail=2&key=a") != std::string::npos);
    CHECK(serve.output.find(base + "/stats               o que o servidor contou, em JSON") !=
          std::string::npos);

    int delayed = 0, failed = 0;
    asyncio::run([&]() -> asyncio::Coroutine<> {
        aiohttp::ClientSession session;
        delayed = (co_await session.get(base + "/delay?seconds=0.2")).status();
        failed = (co_await session.get(base + "/status/503")).status();
    }());
    CHECK(delayed == 200);
    CHECK(failed == 503);
    CHECK(serve.read_until("GET /status/503 → 503 em "));
    // The delay, to the millisecond, with the Portuguese decimal comma (0,2xx s).
    CHECK(serve.output.find("GET /delay?seconds=0.2 → 200 em 0,2") != std::string::npos);

    CHECK(serve.interrupt() == 130);
    CHECK(serve.output.find("Servidor parado (Ctrl-C).") != std::string::npos);
}

TEST_CASE("serve: a taken port is exit 69 naming the port; a bad --port is exit 64") {
    ServeProcess first("en");
    REQUIRE(first.read_until("Ctrl-C stops the server."));
    const auto port = std::to_string(first.port());
    auto taken = cli_test::run("serve --port " + port);
    CHECK(taken.status == 69);
    CHECK(taken.err.find("port " + port + " on 127.0.0.1 is already in use") != std::string::npos);
    CHECK(taken.out.empty());

    auto bad = cli_test::run("serve --port 70000 --lang uk");
    CHECK(bad.status == 64);
    CHECK(bad.err.find("від 0 до 65535") != std::string::npos);
    CHECK(first.interrupt() == 130);
}

TEST_CASE("serve: the tutorials' aiohttp and requests code runs against it, offline") {
    if (!python_has("aiohttp") || !python_has("requests")) {
        MESSAGE("skipped: /usr/bin/python3 without aiohttp or requests (scripts/deps.sh)");
        return;
    }
    ServeProcess serve("en");
    REQUIRE(serve.read_until("Ctrl-C stops the server."));
    const auto base = "http://127.0.0.1:" + std::to_string(serve.port());
    const std::string script = cli_test::scratch("fetch.py");
    std::ofstream(script) << "import asyncio, sys, aiohttp, requests\n"
                             "base = sys.argv[1]\n"
                             "async def fetch(session, url):\n"
                             "    async with session.get(url) as resp:\n"
                             "        return resp.status, await resp.text()\n"
                             "async def main():\n"
                             "    async with aiohttp.ClientSession() as session:\n"
                             "        urls = [f'{base}/delay?seconds={s}' for s in (0.3, 0.1)]\n"
                             "        for status, text in await asyncio.gather(\n"
                             "                *(fetch(session, u) for u in urls)):\n"
                             "            print(status, text.strip())\n"
                             "asyncio.run(main())\n"
                             "print(requests.get(f'{base}/json?id=1').json())\n";
    auto result = cli_test::capture("/usr/bin/python3 " + script + " " + base,
                                    cli_test::scratch("fetch.err"));
    CHECK(result.status == 0);
    CHECK(result.out == "200 {\"delay\": 0.3}\n200 {\"delay\": 0.1}\n{'id': '1'}\n");
    CHECK(serve.read_until("GET /json?id=1 → 200"));
    CHECK(serve.interrupt() == 130);
}
