// ExceptionGroup and BaseExceptionGroup as Python has them: ExceptionGroup derives from both
// BaseExceptionGroup and Exception, so each catch clause sees the groups Python's except
// clause of the same name sees, and a message survives the virtual base on every path.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

using asyncio::BaseExceptionGroup;
using asyncio::ExceptionGroup;

namespace {

std::exception_ptr error_of(auto make) {
    try {
        make();
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

template <class E>
std::exception_ptr make(const std::string& message) {
    return std::make_exception_ptr(E(message));
}

// Which of the clauses, tried in this order, catches the error.
std::string caught_by(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const asyncio::Exception&) {
        return "Exception";
    } catch (const BaseExceptionGroup&) {
        return "BaseExceptionGroup";
    } catch (const asyncio::BaseException&) {
        return "BaseException";
    }
}

class OwnError : public asyncio::ValueError {
  public:
    using ValueError::ValueError;
};

}  // namespace

TEST_CASE("ExceptionGroup is a BaseExceptionGroup and an Exception; BaseExceptionGroup is not") {
    const auto group =
        std::make_exception_ptr(ExceptionGroup("two", {make<asyncio::ValueError>("a")}));
    const auto base_group =
        std::make_exception_ptr(BaseExceptionGroup("three", {make<asyncio::SystemExit>("b")}));

    CHECK(caught_by(group) == "Exception");
    CHECK(caught_by(base_group) == "BaseExceptionGroup");
    CHECK(asyncio::is_a<BaseExceptionGroup>(group));
    CHECK(asyncio::is_a<asyncio::BaseException>(group));
    CHECK(asyncio::is_a<std::exception>(group));
    CHECK_FALSE(asyncio::is_a<asyncio::Exception>(base_group));
    CHECK_FALSE(asyncio::is_a<ExceptionGroup>(base_group));

    // One catch of BaseExceptionGroup sees both, with their errors.
    for (const auto& error : {group, base_group}) {
        try {
            std::rethrow_exception(error);
        } catch (const BaseExceptionGroup& caught) {
            CHECK(caught.exceptions().size() == 1);
        }
    }
}

TEST_CASE("Messages and type names survive the virtual BaseException") {
    const auto value_error = make<asyncio::ValueError>("bad value");
    CHECK(asyncio::describe(value_error) == "ValueError: bad value");
    CHECK(asyncio::describe(make<OwnError>("own")) == "ValueError: own");
    CHECK(asyncio::describe(make<asyncio::BrokenBarrierError>("broken")) ==
          "BrokenBarrierError: broken");
    CHECK(std::string(asyncio::Exception("plain").what()) == "plain");
    CHECK(asyncio::describe(make<asyncio::CancelledError>("stop")) == "CancelledError: stop");

    const ExceptionGroup group("errors", {value_error, make<asyncio::RuntimeError>("r")});
    CHECK(std::string(group.type_name()) == "ExceptionGroup");
    CHECK(group.message() == "errors (2 sub-exceptions)");
    CHECK(group.group_message() == "errors");
    CHECK(std::string(group.what()) == "errors (2 sub-exceptions)");
    // Read through each base: one BaseException, one message.
    const asyncio::Exception& as_exception = group;
    const BaseExceptionGroup& as_base_group = group;
    const asyncio::BaseException& as_base = group;
    CHECK(as_exception.message() == group.message());
    CHECK(as_base_group.message() == group.message());
    CHECK(std::string(as_base.type_name()) == "ExceptionGroup");

    const auto copied = std::make_exception_ptr(group);  // copied into the exception object
    CHECK(asyncio::describe(copied) ==
          "ExceptionGroup: errors (2 sub-exceptions) [ValueError: bad value, RuntimeError: r]");

    const BaseExceptionGroup base("stop", {make<asyncio::KeyboardInterrupt>("")});
    CHECK(std::string(base.type_name()) == "BaseExceptionGroup");
    CHECK(base.message() == "stop (1 sub-exception)");
}

TEST_CASE("throw_exception_group builds what BaseExceptionGroup(...) gives in Python") {
    const auto only_exceptions =
        error_of([] { asyncio::throw_exception_group("g", {make<asyncio::ValueError>("v")}); });
    CHECK(asyncio::type_name_of(only_exceptions) == "ExceptionGroup");
    const auto with_base = error_of([] {
        asyncio::throw_exception_group(
            "g", {make<asyncio::ValueError>("v"), make<asyncio::SystemExit>("")});
    });
    CHECK(asyncio::type_name_of(with_base) == "BaseExceptionGroup");
}

TEST_CASE(
    "subgroup and split keep the nesting, and a group of Exceptions only is an "
    "ExceptionGroup") {
    const auto value_error = make<asyncio::ValueError>("v");
    const auto runtime_error = make<asyncio::RuntimeError>("r");
    const auto system_exit = make<asyncio::SystemExit>("s");
    const auto inner = std::make_exception_ptr(ExceptionGroup("inner", {runtime_error}));
    const BaseExceptionGroup outer("outer", {value_error, system_exit, inner});

    // eg.subgroup(RuntimeError)
    const auto runtime_only = outer.subgroup(asyncio::is_a<asyncio::RuntimeError>);
    CHECK(asyncio::describe(runtime_only) ==
          "ExceptionGroup: outer (1 sub-exception) [ExceptionGroup: inner (1 sub-exception) "
          "[RuntimeError: r]]");
    CHECK_FALSE(outer.subgroup(asyncio::is_a<asyncio::TimeoutError>));

    // eg.split(Exception): the SystemExit alone is left, in a BaseExceptionGroup.
    auto [match, rest] = outer.split(asyncio::is_a<asyncio::Exception>);
    CHECK(asyncio::type_name_of(match) == "ExceptionGroup");
    CHECK(asyncio::describe(match) ==
          "ExceptionGroup: outer (2 sub-exceptions) [ValueError: v, ExceptionGroup: inner (1 "
          "sub-exception) [RuntimeError: r]]");
    CHECK(asyncio::describe(rest) == "BaseExceptionGroup: outer (1 sub-exception) [SystemExit: s]");
    // The leaves are the very same error objects, not copies.
    try {
        std::rethrow_exception(match);
    } catch (const BaseExceptionGroup& group) {
        CHECK(group.exceptions().front() == value_error);
    }
}
