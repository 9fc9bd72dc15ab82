#pragma once
// The timeline drawn while a real-clock run goes on: about ten frames a second, each bar
// growing with time, the tasks' lines still printed above it. Only on a terminal: the frame
// is redrawn in place with cursor movements, which a pipe or a file must never receive.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

#include "i18n/language.hpp"
#include "render/style.hpp"
#include "timeline/recorder.hpp"

namespace render {

class LiveView : public asyncio::Observer {
  public:
    LiveView(std::ostream& out, const Style& style, i18n::Language language, double speed);
    ~LiveView() override;
    LiveView(const LiveView&) = delete;
    LiveView& operator=(const LiveView&) = delete;

    void start();
    // Takes the frame away for good; the final picture is printed by the caller.
    void stop();
    // Prints a line above the frame.
    void print_line(const std::string& text);

    // The rows `text` takes on a terminal `width` columns wide (long lines wrap).
    static int screen_rows(const std::string& text, int width);

    void task_created(asyncio::TaskId id, std::string_view name, asyncio::TaskId parent,
                      double t) override;
    void task_step_began(asyncio::TaskId id, double t) override;
    void task_suspended(const asyncio::WaitInfo& wait, double t) override;
    void task_finished(asyncio::TaskId id, asyncio::TaskOutcome outcome, std::string_view error,
                       double t) override;

  private:
    void loop();
    void erase_frame();  // with the lock held
    void draw_frame();   // with the lock held: the last frame again, below a new line
    std::string render_frame(timeline::Recorder copy) const;
    double lesson_now() const;

    std::ostream& out_;
    Style style_;
    i18n::Language language_;
    double speed_;
    std::chrono::steady_clock::time_point started_;
    timeline::Recorder recorder_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
    bool stopping_ = false;
    bool frame_shown_ = false;
    std::string frame_;
};

}  // namespace render
