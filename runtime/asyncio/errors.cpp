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

std::string describe(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const ExceptionGroup& group) {
        std::string text = std::string(group.type_name()) + ": " + group.message() + " [";
        bool first = true;
        for (const auto& inner : group.exceptions()) {
            text += (first ? "" : ", ") + describe(inner);
            first = false;
        }
        return text + "]";
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

}  // namespace asyncio
