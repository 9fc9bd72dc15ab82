#include "render/live_view.hpp"

#include <cmath>

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
        frame_lines_ = count_lines(frame_);
        wake_.wait_for(lock, std::chrono::milliseconds(100));
    }
}

void LiveView::erase_frame() {
    if (frame_lines_ == 0) return;
    out_ << "\x1b[" << frame_lines_ << "F\x1b[J";  // up to the frame's first line, clear below
    frame_lines_ = 0;
}

int LiveView::count_lines(const std::string& text) {
    int lines = 0;
    for (char c : text) lines += c == '\n';
    return lines;
}

std::string LiveView::render_frame(timeline::Recorder copy) const {
    const double now = lesson_now();
    auto timeline = copy.finish(now);  // closes the open segments at "now" in the copy only
    Layout layout = layout_for({&timeline}, style_);
    layout.end = axis_end(now);
    Legend legend;
    return draw_axis(layout, language_, style_) + draw_rows(timeline, layout, style_, legend);
}

void LiveView::draw_frame() {
    out_ << frame_;
    frame_lines_ = count_lines(frame_);
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
