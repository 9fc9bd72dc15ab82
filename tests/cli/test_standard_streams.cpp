// The standard streams: closed at start (`<&-`, `>&-`, `2>&-`), full (/dev/full), or read by
// a reader that leaves early (`| head -1`).
#include <doctest/doctest.h>

#include "shell.hpp"

using cli_test::scratch;
using cli_test::shell;

TEST_CASE("a closed stdin, stdout or stderr is no crash: the run goes on") {
    const std::string out = scratch("closed-out.txt");
    // stdin closed: the lesson runs and prints as usual.
    auto in = shell("\"$ASYNCDEMO\" run hello <&-");
    CHECK(in.status == 0);
    CHECK(in.out.find("Hello from a coroutine!") != std::string::npos);
    CHECK(in.err.find("Assertion") == std::string::npos);
    // stdout closed: nothing to print to, and nothing to complain about either.
    auto closed_out = shell("\"$ASYNCDEMO\" run hello >&-");
    CHECK(closed_out.status == 0);
    CHECK(closed_out.err.empty());
    // stderr closed: the output is whole.
    auto closed_err = shell("\"$ASYNCDEMO\" run hello 2>&-");
    CHECK(closed_err.status == 0);
    CHECK(closed_err.out.find("Hello from a coroutine!") != std::string::npos);
    // All three at once, and a run that opens files and pipes (the thread pool's wake-ups).
    auto all = shell("\"$ASYNCDEMO\" run thread-pool --clock virtual --svg " + out +
                     " <&- >&- 2>&-; echo \"status $?\"");
    CHECK(all.out == "status 0\n");
    CHECK(cli_test::read_file(out).find("</svg>") != std::string::npos);
    // An error message with stdout closed still gets the documented code.
    auto bad = shell("\"$ASYNCDEMO\" run no-such-lesson <&- >&-");
    CHECK(bad.status == 64);
    CHECK(bad.err.find("unknown lesson 'no-such-lesson'") != std::string::npos);
}

TEST_CASE("output lost on a full device: exit 74 with the reason, in the user's language") {
    for (const auto& [lang, words] :
         {std::pair<std::string, std::string>{
              "en", "asyncdemo: error: the output could not be written: no space left on the disk"},
          {"pt-BR",
           "asyncdemo: erro: não foi possível gravar a saída: não há espaço livre no disco"},
          {"uk", "asyncdemo: помилка: не вдалося записати вивід: на диску не лишилося місця"}}) {
        INFO(lang);
        // A short output, lost at the final flush, and a long one, lost during the run.
        for (const std::string command : {"list", "run gather --clock virtual"}) {
            auto r = shell("\"$ASYNCDEMO\" " + command + " --lang " + lang + " >/dev/full");
            INFO(command, r.err);
            CHECK(r.status == 74);
            CHECK(r.err == words + "\n");
        }
    }
    // --help and the JSON report too.
    CHECK(shell("\"$ASYNCDEMO\" --help >/dev/full").status == 74);
    CHECK(shell("\"$ASYNCDEMO\" run gather --clock virtual --json >/dev/full").status == 74);
}

TEST_CASE("a reader that leaves early (| head -1) ends the program quietly") {
    // The reader is gone before anything is written: SIGPIPE, by default as it always was.
    auto plain = shell("(sleep 0.3; exec \"$ASYNCDEMO\" list) | true; echo \"status $?\"");
    CHECK(plain.err.empty());
    // SIGPIPE ignored by the parent: the write fails with EPIPE, and still no message.
    auto ignored =
        shell("trap '' PIPE; (sleep 0.3; \"$ASYNCDEMO\" list; echo \"status $?\" >&2) | true");
    INFO(ignored.err);
    CHECK(ignored.err.find("error") == std::string::npos);
    CHECK(ignored.err.find("status 74") == std::string::npos);
    CHECK(ignored.err.find("status 141") != std::string::npos);  // as SIGPIPE would have ended it
    // The usual way: the first line, and nothing on stderr.
    auto head = shell("\"$ASYNCDEMO\" list | head -1");
    CHECK(head.status == 0);
    CHECK(head.out == "asyncdemo lessons\n");
    CHECK(head.err.empty());
}
