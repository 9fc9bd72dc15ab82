#include "asyncio/errors.hpp"

namespace asyncio {

namespace {
std::string group_message(const std::string& message, std::size_t count) {
    return message + " (" + std::to_string(count) + " sub-exception" + (count == 1 ? "" : "s") +
           ")";
}
}  // namespace

ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : Exception(group_message(message, exceptions.size())), exceptions_(std::move(exceptions)) {}

BaseExceptionGroup::BaseExceptionGroup(std::string message,
                                       std::vector<std::exception_ptr> exceptions)
    : BaseException(group_message(message, exceptions.size())),
      exceptions_(std::move(exceptions)) {}

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
template <class Group>
std::string describe_group(const Group& group) {
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
    } catch (const ExceptionGroup& group) {
        return describe_group(group);
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
