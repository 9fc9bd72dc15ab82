#pragma once
// Bytes on their way between two TCP sockets of the same loop (a lesson's client and the
// lessons' server, both on 127.0.0.1). On loopback the kernel usually hands a segment to the
// receiver within the send call, but when it defers that work (its softirq thread, on a busy
// machine) the bytes are in neither socket for a moment: a zero-timeout poll sees nothing,
// and the virtual clock must not jump past them. DESIGN.md: "Virtual time with real I/O".
#include <cstdint>
#include <string>
#include <vector>

struct uv_loop_s;

namespace asyncio::detail {

// One connected TCP socket as the kernel counts it (Linux TCP_INFO).
struct SocketCounts {
    std::string local, peer;  // "127.0.0.1:5000"
    std::uint64_t sent = 0;   // payload bytes transmitted once (retransmissions left out)
    std::uint64_t received = 0;
};

// The counts of one socket: false when it is not a connected TCP socket, or the kernel does
// not give them (tcp_counts.cpp).
bool socket_counts(int fd, SocketCounts& counts);

// Every connected TCP socket of the loop's handles (streams, curl's polled sockets, the
// lessons' server); none where the kernel does not give the counts.
std::vector<SocketCounts> loop_sockets(uv_loop_s* loop);

// True when a socket has sent more than its peer, also in `sockets`, has received. A peer
// outside the list (another process) is not waited for: its time is not the loop's.
bool bytes_in_flight(const std::vector<SocketCounts>& sockets);

inline bool loopback_bytes_in_flight(uv_loop_s* loop) {
    return bytes_in_flight(loop_sockets(loop));
}

}  // namespace asyncio::detail
