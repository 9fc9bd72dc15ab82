#include "asyncio/errors.hpp"

namespace asyncio {

namespace {
std::string group_message(const std::string& message, std::size_t count) {
    return message + " (" + std::to_string(count) + " sub-exception" + (count == 1 ? "" : "s") +
           ")";
}
}  // namespace

BaseExceptionGroup::BaseExceptionGroup(std::string message,
                                       std::vector<std::exception_ptr> exceptions)
    : group_message_(std::move(message)), exceptions_(std::move(exceptions)) {
    // In the body: BaseException is a virtual base, built by the most-derived class.
    set_message(asyncio::group_message(group_message_, exceptions_.size()));
}

namespace {
bool is_exception(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const Exception&) {
        return true;
    } catch (const BaseException&) {
        return false;
    } catch (...) {
        return true;  // a foreign std::exception: an ordinary error, as Python would see it
    }
}
}  // namespace

void throw_exception_group(std::string message, std::vector<std::exception_ptr> exceptions) {
    for (const auto& error : exceptions)
        if (!is_exception(error))
            throw BaseExceptionGroup(std::move(message), std::move(exceptions));
    throw ExceptionGroup(std::move(message), std::move(exceptions));
}

namespace {
// The group Python's derive() would build around `errors`: nullptr when there are none.
std::exception_ptr derive(const std::string& message, std::vector<std::exception_ptr> errors) {
    if (errors.empty()) return nullptr;
    try {
        throw_exception_group(message, std::move(errors));
    } catch (...) {
        return std::current_exception();
    }
}

const BaseExceptionGroup* as_group(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const BaseExceptionGroup& group) {
        return &group;  // the exception object lives as long as `error` holds it
    } catch (...) {
        return nullptr;
    }
}
}  // namespace

std::pair<std::exception_ptr, std::exception_ptr> BaseExceptionGroup::split(
    const Condition& condition) const {
    std::vector<std::exception_ptr> matching;
    std::vector<std::exception_ptr> rest;
    for (const auto& error : exceptions_) {
        if (const auto* inner = as_group(error)) {
            auto [match, other] = inner->split(condition);
            if (match) matching.push_back(match);
            if (other) rest.push_back(other);
        } else if (condition(error)) {
            matching.push_back(error);
        } else {
            rest.push_back(error);
        }
    }
    return {derive(group_message_, std::move(matching)), derive(group_message_, std::move(rest))};
}

std::exception_ptr BaseExceptionGroup::subgroup(const Condition& condition) const {
    return split(condition).first;
}

std::string type_name_of(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const BaseException& e) {
        return e.type_name();
    } catch (const std::exception&) {
        return "std::exception";
    } catch (...) {
        return "unknown";
    }
}

namespace {
std::string describe_group(const BaseExceptionGroup& group) {
    std::string text = std::string(group.type_name()) + ": " + group.message() + " [";
    bool first = true;
    for (const auto& inner : group.exceptions()) {
        text += (first ? "" : ", ") + describe(inner);
        first = false;
    }
    return text + "]";
}
}  // namespace

std::string describe(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const BaseExceptionGroup& group) {
        return describe_group(group);
    } catch (const BaseException& e) {
        return e.message().empty() ? std::string(e.type_name())
                                   : std::string(e.type_name()) + ": " + e.message();
    } catch (const std::exception& e) {
        return std::string("std::exception: ") + e.what();
    } catch (...) {
        return "unknown exception";
    }
}

bool is_cancelled_error(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

bool is_exit_error(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const KeyboardInterrupt&) {
        return true;
    } catch (const SystemExit&) {
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace asyncio
