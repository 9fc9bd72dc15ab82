#include "aiofiles/fs_call.hpp"

#include <memory>

#include "asyncio/detail/io_wait.hpp"
#include "asyncio/os_errors.hpp"

namespace aiofiles::detail {

namespace {

struct Request {
    uv_fs_t req;
    std::shared_ptr<asyncio::FutureState<FsOutcome>> future;
    std::string data;
    asyncio::EventLoop* loop;
    asyncio::detail::ExternalWork work;
};

void on_done(uv_fs_t* req) {
    std::unique_ptr<Request> owned(static_cast<Request*>(req->data));
    FsOutcome outcome;
    outcome.result = req->result;
    outcome.data = std::move(owned->data);
    if (req->result >= 0) {
        if (req->fs_type == UV_FS_MKDTEMP) outcome.path = req->path;
        if (req->fs_type == UV_FS_SCANDIR) {
            uv_dirent_t entry;
            while (uv_fs_scandir_next(req, &entry) == 0)
                outcome.entries.push_back({entry.name, entry.type == UV_DIRENT_DIR});
        }
    }
    // A closing loop has destroyed the tasks that could be waiting: touch no future then.
    const bool wanted = !owned->loop->is_closed() && !owned->future->done();
    if (!wanted && req->fs_type == UV_FS_OPEN && req->result >= 0) {
        // The task gave up while the file was being opened: nobody will close it.
        uv_fs_t closing;
        uv_fs_close(req->loop, &closing, static_cast<uv_file>(req->result), nullptr);
        uv_fs_req_cleanup(&closing);
    }
    uv_fs_req_cleanup(req);
    if (wanted) owned->future->set_result(std::move(outcome));
}

}  // namespace

asyncio::Coroutine<FsOutcome> fs_call(FsStart start, std::string path, std::string data) {
    auto& loop = asyncio::EventLoop::current();
    auto future = asyncio::detail::io_future<FsOutcome>(loop, "fs");
    auto* request = new Request{{}, future, std::move(data), &loop, {loop, true}};
    request->req.data = request;
    if (int rc = start(loop.uv(), &request->req, request->data, on_done); rc < 0) {
        uv_fs_req_cleanup(&request->req);
        delete request;
        asyncio::raise_uv_error(rc, path);
    }
    try {
        FsOutcome outcome = co_await asyncio::detail::io_wait(*future);
        if (outcome.result < 0) asyncio::raise_uv_error(static_cast<int>(outcome.result), path);
        co_return outcome;
    } catch (const asyncio::CancelledError&) {
        // Cancelled means the callback has not run yet (it completes the future first), so
        // the request still exists: withdraw it if no worker has taken it.
        if (future->cancelled()) uv_cancel(reinterpret_cast<uv_req_t*>(&request->req));
        throw;
    }
}

}  // namespace aiofiles::detail
