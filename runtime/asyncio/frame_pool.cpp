#include "asyncio/detail/frame_pool.hpp"

#include <new>

namespace asyncio::detail {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool pooled = false;
#else
constexpr bool pooled = true;
#endif

// Classes of 16 bytes up to 1 KiB; bigger frames are rare and go to operator new.
constexpr std::size_t granule = 16;
constexpr std::size_t classes = 64;
// A bound per class, so a burst (a million tasks ending) gives its memory back afterwards.
constexpr std::size_t kept_per_class = 4096;

struct FreeFrame {
    FreeFrame* next;
};

// Each block is a separate operator new allocation, so a frame freed on another thread than
// the one that made it simply joins that thread's list. Plain data, so reaching it costs no
// initialisation check; the lists are handed back at thread exit by a Cleaner, made the first
// time the thread keeps a frame.
struct FreeLists {
    FreeFrame* head[classes];
    std::size_t count[classes];
    bool cleaner_made;
};

constinit thread_local FreeLists lists{};

struct Cleaner {
    ~Cleaner() {
        for (std::size_t c = 0; c < classes; ++c) {
            while (FreeFrame* f = lists.head[c]) {
                lists.head[c] = f->next;
                ::operator delete(f);
            }
            // A frame freed later in the thread's exit is not kept.
            lists.count[c] = kept_per_class;
        }
    }
};

[[gnu::noinline]] void make_cleaner() {
    thread_local Cleaner cleaner;
    static_cast<void>(cleaner);
    lists.cleaner_made = true;
}

std::size_t class_of(std::size_t size) noexcept {
    return (size + granule - 1) / granule - 1;
}

}  // namespace

void* allocate_frame(std::size_t size) {
    if constexpr (pooled) {
        const std::size_t c = class_of(size);
        if (c < classes) {
            if (FreeFrame* f = lists.head[c]) {
                lists.head[c] = f->next;
                --lists.count[c];
                return f;
            }
            return ::operator new((c + 1) * granule);
        }
    }
    return ::operator new(size);
}

void free_frame(void* frame, std::size_t size) noexcept {
    if constexpr (pooled) {
        const std::size_t c = class_of(size);
        if (c < classes && lists.count[c] < kept_per_class) {
            if (!lists.cleaner_made) [[unlikely]]
                make_cleaner();
            auto* f = static_cast<FreeFrame*>(frame);
            f->next = lists.head[c];
            lists.head[c] = f;
            ++lists.count[c];
            return;
        }
    }
    ::operator delete(frame);
}

}  // namespace asyncio::detail
