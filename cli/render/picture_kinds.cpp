#include "render/picture_kinds.hpp"

#include <array>

#include "render/marks.hpp"

namespace render::picture {

namespace {

Kind from_mark(Mark mark) {
    switch (mark) {
        case Mark::run:
            return Kind::run;
        case Mark::blocked:
            return Kind::blocked;
        case Mark::sleep:
            return Kind::sleep;
        case Mark::task:
            return Kind::task;
        case Mark::sync:
            return Kind::sync;
        case Mark::thread:
            return Kind::thread;
        case Mark::io:
            return Kind::io;
        case Mark::done:
            return Kind::done;
        case Mark::failed:
            return Kind::failed;
        case Mark::cancelled:
            break;
    }
    return Kind::cancelled;
}

KindLook from_look(Mark mark) {
    const auto& l = render::look(mark);
    return {l.id, l.rgb, l.legend_key};
}

// The shared marks keep their colours; the pool wait takes a darker shade of the thread's
// purple, since it is the same pool of threads, and a texture and a thin bar of its own.
const std::array<KindLook, kind_count> looks{{
    from_look(Mark::run),
    from_look(Mark::blocked),
    from_look(Mark::sleep),
    from_look(Mark::task),
    from_look(Mark::sync),
    {"pool", "#8a3f6e", "legend.pool"},
    from_look(Mark::thread),
    from_look(Mark::io),
    from_look(Mark::done),
    from_look(Mark::failed),
    from_look(Mark::cancelled),
}};

}  // namespace

const KindLook& look(Kind kind) {
    return looks[static_cast<std::size_t>(kind)];
}

Kind kind_for(const timeline::Segment& segment) {
    if (segment.kind == timeline::SegmentKind::wait && segment.on == asyncio::WaitOn::pool)
        return Kind::pool;
    return from_mark(mark_for(segment));
}

std::optional<Kind> kind_for(timeline::TaskState state) {
    if (auto mark = mark_for(state)) return from_mark(*mark);
    return std::nullopt;
}

}  // namespace render::picture
