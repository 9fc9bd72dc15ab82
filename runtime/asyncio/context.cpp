#include "asyncio/context.hpp"

#include <atomic>

#include "asyncio/detail/frame_pool.hpp"

namespace asyncio {

namespace detail {

namespace {
// Each thread starts in a context of its own, entered for good, as a Python thread does.
std::shared_ptr<ContextState> thread_context() {
    auto state = std::make_shared<ContextState>();
    state->entered = true;
    return state;
}
thread_local std::shared_ptr<ContextState> thread_state = thread_context();
// The context entered now (a Context living at least as long as its Scope), or null for the
// thread's own.
thread_local const std::shared_ptr<ContextState>* current_state = nullptr;
}  // namespace

const std::shared_ptr<ContextState>& current_context_state() {
    return current_state ? *current_state : thread_state;
}

std::uint64_t next_context_var_id() noexcept {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
}

std::shared_ptr<const void> context_lookup(const ContextState& state, std::uint64_t var) {
    auto it = state.values->find(var);
    return it == state.values->end() ? nullptr : it->second;
}

void context_assign(ContextState& state, std::uint64_t var, std::shared_ptr<const void> value) {
    // A new map: copies of this context share the old one and must not see the change.
    auto values = std::make_shared<ContextValues>(*state.values);
    if (value) {
        (*values)[var] = std::move(value);
    } else {
        values->erase(var);
    }
    state.values = std::move(values);
}

}  // namespace detail

Context Context::copy() const {
    // From the frame pool: every create_task makes one, and frees it with the task.
    return Context(std::allocate_shared<detail::ContextState>(
        detail::PoolAllocator<detail::ContextState>{}, state_->values));
}

Context copy_context() {
    return Context(detail::current_context_state()).copy();
}

Context::Scope::Scope(const Context& context)
    : previous_(detail::current_state), entered_(context.state_.get()) {
    if (entered_->entered) throw RuntimeError("cannot enter context: <Context> is already entered");
    entered_->entered = true;
    detail::current_state = &context.state_;
}

Context::Scope::~Scope() {
    entered_->entered = false;
    detail::current_state = previous_;
}

}  // namespace asyncio
