#include "asyncio/detail/loopback.hpp"

#include <uv.h>

#include <utility>

namespace asyncio::detail {

std::vector<SocketCounts> loop_sockets(uv_loop_s* loop) {
    std::vector<SocketCounts> sockets;
    uv_walk(
        loop,
        [](uv_handle_t* handle, void* out) {
            if (handle->type != UV_TCP && handle->type != UV_POLL) return;
            if (uv_is_closing(handle)) return;
            uv_os_fd_t fd;
            if (uv_fileno(handle, &fd) != 0) return;
            SocketCounts counts;
            if (socket_counts(fd, counts))
                static_cast<std::vector<SocketCounts>*>(out)->push_back(std::move(counts));
        },
        &sockets);
    return sockets;
}

bool bytes_in_flight(const std::vector<SocketCounts>& sockets) {
    for (const auto& sender : sockets) {
        for (const auto& receiver : sockets) {
            if (receiver.local == sender.peer && receiver.peer == sender.local &&
                sender.sent > receiver.received)
                return true;
        }
    }
    return false;
}

}  // namespace asyncio::detail
