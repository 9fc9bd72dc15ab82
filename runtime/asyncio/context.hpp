#pragma once
// Python's contextvars, as asyncio uses them: a ContextVar has a value per Context; each task
// runs every step inside its own Context, a copy of its creator's taken at create_task (or
// the one given as `context`). So a task sees the values set before it was created, and what
// it sets never reaches its creator. Done callbacks run in a copy of the context current when
// they were added, as Future.add_done_callback does.
//
// A Context is a handle: copies of the handle share one context (Python's object identity);
// copy() and copy_context() make a new context with the same values. The values are an
// immutable map shared between copies until one side sets a variable (copy on write), so
// copying a context, which every create_task does, costs one allocation.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "asyncio/errors.hpp"

namespace asyncio {

template <class T>
class ContextVar;

namespace detail {
using ContextValues = std::map<std::uint64_t, std::shared_ptr<const void>>;
struct ContextState {
    ContextState() : values(std::make_shared<const ContextValues>()) {}
    // A copy shares the values: no empty map is made only to be replaced (one allocation per
    // create_task instead of two).
    explicit ContextState(std::shared_ptr<const ContextValues> shared) noexcept
        : values(std::move(shared)) {}
    std::shared_ptr<const ContextValues> values;
    bool entered = false;
};
// The context the code runs in now: the running task's, or this thread's own.
const std::shared_ptr<ContextState>& current_context_state();
std::uint64_t next_context_var_id() noexcept;
// A value of the current context, or nullptr when the variable has none there.
std::shared_ptr<const void> context_lookup(const ContextState& state, std::uint64_t var);
// Sets (or, with nullptr, removes) a value in `state`, leaving other copies alone.
void context_assign(ContextState& state, std::uint64_t var, std::shared_ptr<const void> value);
}  // namespace detail

class Context {
  public:
    // contextvars.Context(): a context with no values.
    Context() : state_(std::make_shared<detail::ContextState>()) {}

    // ctx.copy(): a new context holding the same values.
    Context copy() const;

    // Enters the context for its lifetime, as ctx.run does around its call; a context can be
    // entered once at a time (RuntimeError otherwise, as in Python).
    class Scope {
      public:
        // `context` must outlive the scope and keep its value meanwhile (a task's own context,
        // which is never assigned): the scope points at it instead of counting a reference,
        // which a task step would pay twice.
        explicit Scope(const Context& context);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        const std::shared_ptr<detail::ContextState>* previous_;
        detail::ContextState* entered_;
    };

    // ctx.run(fn): calls fn with this context current, and puts the previous one back.
    template <class F>
    decltype(auto) run(F&& fn) const {
        const Context held = *this;  // fn may assign to the Context it was called on
        Scope scope(held);
        return std::forward<F>(fn)();
    }

    // ctx.get(var): the variable's value in this context, if it has one (no default).
    template <class T>
    std::optional<T> get(const ContextVar<T>& var) const {
        auto value = detail::context_lookup(*state_, var.id());
        if (!value) return std::nullopt;
        return *static_cast<const T*>(value.get());
    }
    // ctx.get(var, fallback)
    template <class T>
    T get(const ContextVar<T>& var, T fallback) const {
        auto value = get(var);
        return value ? std::move(*value) : std::move(fallback);
    }
    // ctx[var]: KeyError when the variable has no value in this context.
    template <class T>
    T at(const ContextVar<T>& var) const {
        auto value = get(var);
        if (!value) throw KeyError("<ContextVar name='" + var.name() + "'>");
        return std::move(*value);
    }
    template <class T>
    bool contains(const ContextVar<T>& var) const {
        return detail::context_lookup(*state_, var.id()) != nullptr;
    }
    std::size_t size() const noexcept { return state_->values->size(); }

    // The same context (Python's `is`), not merely equal values.
    bool operator==(const Context& other) const noexcept { return state_ == other.state_; }

  private:
    friend Context copy_context();
    template <class T>
    friend class ContextVar;
    explicit Context(std::shared_ptr<detail::ContextState> state) : state_(std::move(state)) {}

    std::shared_ptr<detail::ContextState> state_;
};

// contextvars.copy_context(): a copy of the current context.
Context copy_context();

// What ContextVar::set returns, for reset(): the variable, the context it was set in, and
// the value before (none when the variable had no value there: Python's Token.MISSING).
template <class T>
class Token {
  public:
    std::optional<T> old_value() const {
        if (!old_) return std::nullopt;
        return *static_cast<const T*>(old_.get());
    }

  private:
    friend class ContextVar<T>;
    Token(std::uint64_t var, std::shared_ptr<detail::ContextState> context,
          std::shared_ptr<const void> old)
        : var_(var), context_(std::move(context)), old_(std::move(old)) {}

    std::uint64_t var_;
    std::shared_ptr<detail::ContextState> context_;
    std::shared_ptr<const void> old_;
    std::shared_ptr<bool> used_ = std::make_shared<bool>(false);  // shared by copies
};

template <class T>
class ContextVar {
  public:
    explicit ContextVar(std::string name) : name_(std::move(name)) {}
    ContextVar(std::string name, T default_value)
        : name_(std::move(name)), default_(std::move(default_value)) {}
    ContextVar(const ContextVar&) = delete;  // a variable is one object, as in Python
    ContextVar& operator=(const ContextVar&) = delete;

    const std::string& name() const noexcept { return name_; }
    std::uint64_t id() const noexcept { return id_; }

    // var.get(): the value in the current context, else the default, else LookupError.
    T get() const {
        if (auto value = current()) return *value;
        if (default_) return *default_;
        throw LookupError("<ContextVar name='" + name_ + "'>");
    }
    // var.get(fallback)
    T get(T fallback) const {
        if (auto value = current()) return *value;
        return fallback;
    }

    // var.set(value): in the current context only.
    Token<T> set(T value) {
        const auto& state = detail::current_context_state();
        auto old = detail::context_lookup(*state, id_);
        detail::context_assign(*state, id_, std::make_shared<const T>(std::move(value)));
        return Token<T>(id_, state, std::move(old));
    }

    // var.reset(token): the value before set(), in the context set() ran in.
    void reset(const Token<T>& token) {
        if (*token.used_) throw RuntimeError("<Token> has already been used once");
        if (token.var_ != id_) throw ValueError("<Token> was created by a different ContextVar");
        const auto& state = detail::current_context_state();
        if (token.context_ != state) throw ValueError("<Token> was created in a different Context");
        *token.used_ = true;
        detail::context_assign(*state, id_, token.old_);
    }

  private:
    std::optional<T> current() const {
        auto value = detail::context_lookup(*detail::current_context_state(), id_);
        if (!value) return std::nullopt;
        return *static_cast<const T*>(value.get());
    }

    std::string name_;
    std::optional<T> default_;
    std::uint64_t id_ = detail::next_context_var_id();
};

}  // namespace asyncio
