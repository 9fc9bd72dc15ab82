#pragma once
// unittest's assertRaises for coroutines, as the ported CPython tests use it: the awaited
// code must raise E (or a subclass); any other error goes on up, as in Python, and no error
// at all is a failure.
#include <exception>
#include <string>

#include "../support.hpp"

namespace cpython {

// Awaits `aw` and returns the E it raised, or nullptr (a recorded failure) if none.
template <class E, class A>
asyncio::Coroutine<std::exception_ptr> assert_raises(A aw) {
    try {
        co_await std::move(aw);
    } catch (const E&) {
        co_return std::current_exception();
    }
    FAIL_CHECK("did not raise the expected error");
    co_return nullptr;
}

// assertRaisesRegex with a plain substring: the message of an error already caught.
inline std::string message_of(const std::exception_ptr& error) {
    try {
        if (error) std::rethrow_exception(error);
    } catch (const asyncio::BaseException& e) {
        return e.message();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace cpython
