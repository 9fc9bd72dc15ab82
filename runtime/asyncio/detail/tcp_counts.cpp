// Linux's own tcp_info (with the byte counts) clashes with glibc's netinet/tcp.h, which uv.h
// includes: this file asks the kernel and includes no libuv.
#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>

#include "asyncio/detail/loopback.hpp"

namespace asyncio::detail {

namespace {
std::string address_text(const sockaddr_storage& address) {
    char host[INET6_ADDRSTRLEN] = {};
    int port = 0;
    if (address.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(address);
        inet_ntop(AF_INET, &in.sin_addr, host, sizeof host);
        port = ntohs(in.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
        inet_ntop(AF_INET6, &in6.sin6_addr, host, sizeof host);
        port = ntohs(in6.sin6_port);
    } else {
        return {};
    }
    return std::string(host) + ":" + std::to_string(port);
}

}  // namespace

bool socket_counts(int fd, SocketCounts& counts) {
    sockaddr_storage local{}, peer{};
    socklen_t local_size = sizeof local, peer_size = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) return false;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) return false;
    tcp_info info{};
    socklen_t size = sizeof info;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return false;
    // An older kernel fills less of the struct: without these counts, nothing is known.
    if (size < offsetof(tcp_info, tcpi_bytes_retrans) + sizeof info.tcpi_bytes_retrans)
        return false;
    counts.local = address_text(local);
    counts.peer = address_text(peer);
    counts.sent = info.tcpi_bytes_sent - info.tcpi_bytes_retrans;
    counts.received = info.tcpi_bytes_received;
    return !counts.local.empty() && !counts.peer.empty();
}

}  // namespace asyncio::detail
