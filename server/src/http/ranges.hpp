#pragma once
// Range requests, limited. cpp-httplib 0.11 cuts every response (error bodies included) into
// whatever ranges the request lists, after the handler ran: `bytes=0-,0-,…` (2,700 ranges in an
// 8 KB header) turned one catalog into a 410 MB answer. Handlers and the error handler call
// enforce_range_policy last, while the whole representation is known.
#include <httplib.h>

#include <cstddef>

namespace yilu::server::http {

/// More ranges than this in one request are refused (416).
constexpr std::size_t kMaxRanges = 5;

/// True when httplib may serve `ranges` from a representation of `length` bytes: at most
/// kMaxRanges, each satisfiable (starts inside it, a suffix longer than 0), none overlapping.
bool ranges_servable(const httplib::Ranges& ranges, std::size_t length);

/// Applies the policy to a finished response. A request without ranges is left alone. Only a
/// whole 200/206 representation is ever cut: for other statuses the ranges are dropped (the
/// body goes out whole). Servable ranges give 206; others 416 `range_not_satisfiable` with
/// `Content-Range: bytes */length` and a short JSON body (the ranges dropped).
void enforce_range_policy(const httplib::Request& req, httplib::Response& res);

/// Drops the ranges of a request whose response no handler of ours sees (HEAD of a static
/// file): httplib would still build the multipart body in memory.
void drop_ranges(const httplib::Request& req);

}  // namespace yilu::server::http
