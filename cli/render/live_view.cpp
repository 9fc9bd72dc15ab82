#include "render/live_view.hpp"

#include <algorithm>
#include <cmath>

#include "i18n/width.hpp"
#include "render/terminal_timeline.hpp"

namespace render {

namespace {
// The axis grows in round steps so the bars do not shrink back on every frame.
double axis_end(double now) {
    for (double end : {1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0})
        if (now * 1.1 <= end) return end;
    return std::ceil(now * 1.1 / 3600) * 3600;
}
}  // namespace

LiveView::LiveView(std::ostream& out, const Style& style, i18n::Language language, double speed)
    : out_(out), style_(style), language_(language), speed_(speed) {}

LiveView::~LiveView() {
    stop();
}

void LiveView::start() {
    started_ = std::chrono::steady_clock::now();
    out_ << "\x1b[?25l" << std::flush;  // no blinking cursor over the bars
    thread_ = std::thread([this] { loop(); });
}

void LiveView::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || !thread_.joinable()) return;
        stopping_ = true;
        erase_frame();
        out_ << "\x1b[?25h" << std::flush;
    }
    wake_.notify_all();
    thread_.join();
}

double LiveView::lesson_now() const {
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started_;
    return wall.count() * speed_;
}

void LiveView::print_line(const std::string& text) {
    std::lock_guard lock(mutex_);
    erase_frame();
    out_ << text << "\n";
    if (!stopping_) draw_frame();
    out_ << std::flush;
}

void LiveView::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // Build the frame without the lock, so the loop thread never waits for the drawing.
        auto copy = recorder_;
        lock.unlock();
        std::string frame = render_frame(std::move(copy));
        lock.lock();
        if (stopping_) break;
        erase_frame();
        frame_ = std::move(frame);
        out_ << frame_ << std::flush;
        frame_shown_ = !frame_.empty();
        wake_.wait_for(lock, std::chrono::milliseconds(100));
    }
}

void LiveView::erase_frame() {
    if (!frame_shown_) return;
    // Counted again at the terminal's width of now: after the window was narrowed, the
    // terminal has re-wrapped the frame's lines onto more rows than were drawn.
    const int rows = screen_rows(frame_, terminal_width());
    out_ << "\x1b[" << rows << "F\x1b[J";  // up to the frame's first row, clear below
    frame_shown_ = false;
}

int LiveView::screen_rows(const std::string& text, int width) {
    int rows = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) break;  // frames end with a newline
        const int columns = i18n::display_width(
            i18n::strip_escapes(std::string_view(text).substr(start, end - start)));
        rows += std::max(1, (columns + width - 1) / std::max(width, 1));
        start = end + 1;
    }
    return rows;
}

std::string LiveView::render_frame(timeline::Recorder copy) const {
    const double now = lesson_now();
    auto timeline = copy.finish(now);  // closes the open segments at "now" in the copy only
    // The width is read again for every frame, so that a resized window gets frames that fit.
    Style style = style_;
    style.width = terminal_width();
    Layout layout = layout_for({&timeline}, style);
    layout.end = axis_end(now);
    Legend legend;
    return draw_axis(layout, language_, style) + draw_rows(timeline, layout, style, legend);
}

void LiveView::draw_frame() {
    out_ << frame_;
    frame_shown_ = !frame_.empty();
}

void LiveView::task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId parent,
                            double t) {
    std::lock_guard lock(mutex_);
    recorder_.task_created(id, name, parent, t);
}

void LiveView::task_step_began(asyncio::TaskId id, double t) {
    std::lock_guard lock(mutex_);
    recorder_.task_step_began(id, t);
}

void LiveView::task_suspended(const asyncio::WaitInfo& wait, double t) {
    std::lock_guard lock(mutex_);
    recorder_.task_suspended(wait, t);
}

void LiveView::task_finished(asyncio::TaskId id, asyncio::TaskOutcome outcome,
                             std::string_view error, double t) {
    std::lock_guard lock(mutex_);
    recorder_.task_finished(id, outcome, error, t);
}

}  // namespace render
