#pragma once
// The exception hierarchy of asyncio, spelled as in Python. CancelledError derives from
// BaseException, not Exception, so `catch (const asyncio::Exception&)` lets a
// cancellation through exactly as `except Exception:` does in Python 3.8+.
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace asyncio {

class BaseException : public std::exception {
  public:
    explicit BaseException(std::string message = {}) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }
    // The Python class name, used when an error is shown to a person ("ValueError: ...").
    virtual const char* type_name() const noexcept { return "BaseException"; }

  protected:
    // Exception and BaseExceptionGroup hold BaseException as a virtual base (so that
    // ExceptionGroup has one BaseException, as Python's class does). A virtual base is built
    // by the most-derived class, and a class that inherits its constructors (`using
    // Exception::Exception`) builds it with no argument: so they store the message from
    // their own constructor's body, which always runs.
    void set_message(std::string message) { message_ = std::move(message); }

  private:
    std::string message_;
};

class Exception : public virtual BaseException {
  public:
    // Two constructors, not one with a default: ExceptionGroup builds its Exception part
    // with none, which must leave the message its BaseExceptionGroup part stored.
    Exception() = default;
    explicit Exception(std::string message) { set_message(std::move(message)); }
    const char* type_name() const noexcept override { return "Exception"; }
};

#define ASYNCIO_DECLARE_ERROR(Name, Base)                                 \
    class Name : public Base {                                            \
      public:                                                             \
        using Base::Base;                                                 \
        const char* type_name() const noexcept override { return #Name; } \
    }

ASYNCIO_DECLARE_ERROR(CancelledError, BaseException);
ASYNCIO_DECLARE_ERROR(KeyboardInterrupt, BaseException);
ASYNCIO_DECLARE_ERROR(SystemExit, BaseException);
ASYNCIO_DECLARE_ERROR(TimeoutError, Exception);
ASYNCIO_DECLARE_ERROR(InvalidStateError, Exception);
ASYNCIO_DECLARE_ERROR(RuntimeError, Exception);
ASYNCIO_DECLARE_ERROR(ValueError, Exception);
ASYNCIO_DECLARE_ERROR(LookupError, Exception);  // ContextVar.get() with no value nor default
ASYNCIO_DECLARE_ERROR(KeyError, LookupError);   // ctx[var] with no value there
ASYNCIO_DECLARE_ERROR(QueueEmpty, Exception);
ASYNCIO_DECLARE_ERROR(QueueFull, Exception);
ASYNCIO_DECLARE_ERROR(QueueShutDown, Exception);
ASYNCIO_DECLARE_ERROR(BrokenBarrierError, RuntimeError);

#undef ASYNCIO_DECLARE_ERROR

// Python's BaseExceptionGroup: a group of errors, at least one of which may not be an
// Exception (a BaseException of the program's own), so `catch (const Exception&)` lets it
// through, as `except Exception:` does. `catch (const BaseExceptionGroup&)` sees every
// group, ExceptionGroup included, as `except BaseExceptionGroup:` does.
class BaseExceptionGroup : public virtual BaseException {
  public:
    BaseExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* type_name() const noexcept override { return "BaseExceptionGroup"; }
    // The message as given, without the " (N sub-exceptions)" that message() adds.
    const std::string& group_message() const noexcept { return group_message_; }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

    // Python's subgroup(condition) and split(condition), with the condition on one leaf
    // error (nested groups are searched, and kept nested): the errors that match, in a group
    // of the same message (nullptr when none match); split gives the rest too. A group
    // holding only Exceptions is an ExceptionGroup, as derive() does in Python.
    using Condition = std::function<bool(const std::exception_ptr&)>;
    std::exception_ptr subgroup(const Condition& condition) const;
    std::pair<std::exception_ptr, std::exception_ptr> split(const Condition& condition) const;

  private:
    std::string group_message_;
    std::vector<std::exception_ptr> exceptions_;
};

// Python's ExceptionGroup(BaseExceptionGroup, Exception): a group of Exceptions only, which
// both `catch (const Exception&)` and `catch (const BaseExceptionGroup&)` catch.
class ExceptionGroup : public BaseExceptionGroup, public Exception {
  public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
        : BaseExceptionGroup(std::move(message), std::move(exceptions)) {}
    const char* type_name() const noexcept override { return "ExceptionGroup"; }
};

// A condition for subgroup/split: the error is an E (or derives from it).
template <class E>
bool is_a(const std::exception_ptr& error) {
    try {
        if (error) std::rethrow_exception(error);
    } catch (const E&) {
        return true;
    } catch (...) {
    }
    return false;
}

// BaseExceptionGroup(message, errors) in Python gives an ExceptionGroup when every error is
// an Exception, else a BaseExceptionGroup; this throws the one Python would build.
[[noreturn]] void throw_exception_group(std::string message,
                                        std::vector<std::exception_ptr> exceptions);

// "ValueError: bad input", the way Python prints an exception on one line.
std::string describe(const std::exception_ptr& error);
// The Python class name alone ("ValueError"); "std::exception" for foreign errors.
std::string type_name_of(const std::exception_ptr& error);
bool is_cancelled_error(const std::exception_ptr& error);
// KeyboardInterrupt or SystemExit: what Task.__step lets escape the loop at once.
bool is_exit_error(const std::exception_ptr& error);

}  // namespace asyncio
