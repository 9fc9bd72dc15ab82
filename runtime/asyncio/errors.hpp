#pragma once
// The exception hierarchy of asyncio, spelled as in Python. CancelledError derives from
// BaseException, not Exception, so `catch (const asyncio::Exception&)` lets a
// cancellation through exactly as `except Exception:` does in Python 3.8+.
#include <exception>
#include <string>
#include <vector>

namespace asyncio {

class BaseException : public std::exception {
  public:
    explicit BaseException(std::string message = {}) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }
    // The Python class name, used when an error is shown to a person ("ValueError: ...").
    virtual const char* type_name() const noexcept { return "BaseException"; }

  private:
    std::string message_;
};

class Exception : public BaseException {
  public:
    using BaseException::BaseException;
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
ASYNCIO_DECLARE_ERROR(QueueEmpty, Exception);
ASYNCIO_DECLARE_ERROR(QueueFull, Exception);
ASYNCIO_DECLARE_ERROR(QueueShutDown, Exception);
ASYNCIO_DECLARE_ERROR(BrokenBarrierError, RuntimeError);

#undef ASYNCIO_DECLARE_ERROR

// Python's ExceptionGroup: raised by TaskGroup with every child error it collected.
class ExceptionGroup : public Exception {
  public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* type_name() const noexcept override { return "ExceptionGroup"; }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

  private:
    std::vector<std::exception_ptr> exceptions_;
};

// Python's BaseExceptionGroup: a group holding at least one error that is not an Exception
// (a BaseException of the program's own), so `catch (const Exception&)` lets it through, as
// `except Exception:` does. Unlike Python, ExceptionGroup does not derive from it (that
// would need a virtual BaseException base, which silently drops messages of classes that
// derive further): catch BaseException, or both group types, to see any group.
class BaseExceptionGroup : public BaseException {
  public:
    BaseExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* type_name() const noexcept override { return "BaseExceptionGroup"; }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

  private:
    std::vector<std::exception_ptr> exceptions_;
};

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
