// The deadlock on the picture: the moment it was found, a stop mark on every stuck task, and
// the wait-for graph the runtime reported, as notes (what each task holds, what it waits for)
// and arrows from each waiting task to the task that holds what it waits for.
#include <algorithm>

#include <fmt/format.h>

#include "i18n/messages.hpp"
#include "render/picture_parts.hpp"
#include "render/picture_text.hpp"
#include "render/wait_words.hpp"

namespace render::picture::parts {

namespace {

constexpr double first_bulge = 30;
constexpr double bulge_step = 44;
constexpr double mark_gap = 8;
constexpr double panel_share = 0.34;  // of the page width, at most

const DeadlockWait* wait_of(const Deadlock& deadlock, std::uint64_t task) {
    for (const auto& w : deadlock.waits)
        if (w.task == task) return &w;
    return nullptr;
}

std::string name_of(const timeline::Timeline& timeline, std::uint64_t task) {
    const auto* t = timeline.find(task);
    return t ? t->name : fmt::format("#{}", task);
}

// "holds the lock A", "waits for the lock B": what the class reads beside a stuck task.
// `holder_shown` says whether an arrow points at the holder; without one, the note names it.
std::vector<std::string> notes_for(const Deadlock& deadlock, const timeline::Timeline& timeline,
                                   std::uint64_t task, bool holder_shown, i18n::Language language) {
    std::vector<std::string> notes;
    std::string held;
    for (const auto& w : deadlock.waits) {
        if (w.holder != task) continue;
        held += (held.empty() ? "" : ", ") + describe_wait(language, w.on, w.detail);
    }
    if (!held.empty()) notes.push_back(i18n::tr(language, "picture.holds", {{"what", held}}));
    if (const auto* w = wait_of(deadlock, task)) {
        std::string what = describe_wait(language, w->on, w->detail);
        if (w->holder != 0 && !holder_shown) {
            what = i18n::tr(language, "outcome.held_by",
                            {{"what", what}, {"holder", name_of(timeline, w->holder)}});
        }
        notes.push_back(i18n::tr(language, "picture.waits_for", {{"what", what}}));
    }
    return notes;
}

std::size_t arrow_count(const Deadlock& deadlock) {
    return static_cast<std::size_t>(std::count_if(deadlock.waits.begin(), deadlock.waits.end(),
                                                  [](const auto& w) { return w.holder != 0; }));
}

double lane_width(const Deadlock& deadlock, double radius) {
    const std::size_t arrows = arrow_count(deadlock);
    if (arrows == 0) return radius + mark_gap + 8;
    double label = 0;
    for (const auto& w : deadlock.waits)
        if (w.holder != 0) label = std::max(label, text_width(w.detail, body_size, true));
    const double bulge = first_bulge + bulge_step * static_cast<double>(arrows - 1);
    return radius + mark_gap + 0.75 * bulge + 6 + label + 16;
}

const RunRow* row_of(const std::vector<RunRow>& rows, std::uint64_t task) {
    for (const auto& r : rows)
        if (r.task == task) return &r;
    return nullptr;
}

std::vector<Arrow> place_arrows(const Deadlock& deadlock, const std::vector<RunRow>& rows,
                                double x) {
    std::vector<Arrow> arrows;
    for (const auto& w : deadlock.waits) {
        const RunRow* from = row_of(rows, w.task);
        const RunRow* to = w.holder != 0 ? row_of(rows, w.holder) : nullptr;
        if (!from || !to || from == to) continue;
        Arrow a;
        a.x = x;
        a.from_y = from->cy;
        a.to_y = to->cy;
        a.bulge = first_bulge + bulge_step * static_cast<double>(arrows.size());
        a.label = Text{.words = w.detail,
                       .x = x + 0.75 * a.bulge + 6,
                       .y = (from->cy + to->cy) / 2 + 0.35 * body_size,
                       .bold = true,
                       .colour = alarm,
                       .role = "deadlock-lock"};
        arrows.push_back(std::move(a));
    }
    return arrows;
}

}  // namespace

bool is_stuck(const Deadlock* deadlock, std::uint64_t task) {
    return deadlock && wait_of(*deadlock, task) != nullptr;
}

double deadlock_panel_width(const Deadlock& deadlock, const timeline::Timeline& timeline,
                            i18n::Language language) {
    double notes = 0;
    for (const auto& w : deadlock.waits) {
        for (const auto& n : notes_for(deadlock, timeline, w.task, true, language))
            notes = std::max(notes, text_width(n, body_size));
    }
    return std::min(design_width * panel_share, lane_width(deadlock, 12) + notes);
}

DeadlockOverlay place_deadlock(const Deadlock& deadlock, const timeline::Timeline& timeline,
                               const std::vector<RunRow>& rows, const Scale& scale,
                               double caption_y, double bottom, double right,
                               i18n::Language language) {
    DeadlockOverlay overlay;
    overlay.x = scale.x(deadlock.found_at);
    overlay.top = caption_y + 8;
    overlay.bottom = bottom;
    const std::string caption = i18n::tr(language, "picture.deadlock_found",
                                         {{"time", format_seconds(language, deadlock.found_at)}});
    const double caption_width = text_width(caption, heading_size, true);
    const bool room_right = overlay.x - 10 + caption_width <= right;
    overlay.caption =
        Text{caption, room_right ? overlay.x - 10 : right,      caption_y, heading_size,
             true,    room_right ? Anchor::start : Anchor::end, alarm,     "deadlock"};

    double radius = 12;
    for (const auto& r : rows) radius = std::min(radius, r.height * 0.28);
    overlay.arrows = place_arrows(deadlock, rows, overlay.x + radius + mark_gap);
    const double notes_x = overlay.x + lane_width(deadlock, radius);
    for (const auto& r : rows) {
        if (r.task == 0 || !wait_of(deadlock, r.task)) continue;
        overlay.stuck.push_back(EndMark{Kind::failed, overlay.x, r.cy, radius, false});
        const auto* w = wait_of(deadlock, r.task);
        auto notes = notes_for(deadlock, timeline, r.task,
                               w->holder == 0 || row_of(rows, w->holder) != nullptr, language);
        const double line = body_size * line_spacing;
        // Two lines where the row is tall enough, else one, joined.
        if (notes.size() > 1 && r.height < 2 * line + 4) notes = {notes[0] + " · " + notes[1]};
        for (std::size_t i = 0; i < notes.size(); ++i) {
            const double offset = (static_cast<double>(i) - (notes.size() - 1) / 2.0) * line;
            const bool is_wait = i + 1 == notes.size();
            overlay.notes.push_back(Text{fit_text(notes[i], body_size, right - notes_x), notes_x,
                                         r.cy + offset + 0.35 * body_size, body_size, false,
                                         Anchor::start, is_wait ? alarm : ink, "deadlock-note"});
        }
    }
    return overlay;
}

}  // namespace render::picture::parts
