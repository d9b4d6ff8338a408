#include "http/server.hpp"

#include <cstdio>
#include <exception>
#include <memory>

#include "auth/mask.hpp"
#include "http/guarded_server.hpp"
#include "http/ranges.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"
#include "log_text.hpp"

namespace yilu::server::http {

namespace {

// Threads: each keep-alive connection holds one while it is open, so the pool must exceed
// the number of concurrent clients we plan for (the benchmark runs 32), not the core count.
constexpr std::size_t kThreads = 64;

const char* code_for_status(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    default: return status >= 500 ? "internal_error" : "bad_request";
  }
}

}  // namespace

std::unique_ptr<httplib::Server> build_server(App& app, std::vector<RouteInfo>* routes) {
  ConnectionLimits connection_limits;
  connection_limits.per_address = app.limits.connections_per_address;
  auto svr = std::make_unique<GuardedServer>(connection_limits);
  svr->new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  // Without TCP_NODELAY small responses wait for the delayed ACK (~40 ms each).
  svr->set_tcp_nodelay(true);
  svr->set_keep_alive_max_count(10000);
  svr->set_keep_alive_timeout(5);
  svr->set_read_timeout(10);
  svr->set_write_timeout(10);
  // The largest legal request is an upload; JSON routes apply their own, smaller limit.
  const std::size_t max_body = app.limits.upload_bytes + 64 * 1024;
  svr->set_payload_max_length(max_body);
  // httplib enforces that limit on Content-Length only; chunked and compressed bodies are
  // checked here, before the body is read (http/guarded_server.hpp).
  // The web app, read and compressed once, here (http/static_files.hpp).
  auto web = std::make_shared<const StaticFiles>(StaticFiles::load(app.web_dir));
  svr->set_pre_routing_handler([max_body, web](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "HEAD") drop_ranges(req);
    const auto checked = check_request_body(req, res, max_body);
    if (checked == httplib::Server::HandlerResponse::Handled) return checked;
    // A file of the app is answered before routing: no route pattern is tried for it, and
    // routes registered later (tests add some) are never shadowed. /api/ is never a file.
    if (web->serve(req, res)) return httplib::Server::HandlerResponse::Handled;
    return httplib::Server::HandlerResponse::Unhandled;
  });

  Router r(*svr, app);
  register_public_routes(r, app);
  register_auth_routes(r, app);
  register_resident_routes(r, app);
  register_upload_routes(r, app);
  register_application_routes(r, app);
  register_inbox_routes(r, app);
  register_staff_routes(r, app);
  register_clerk_routes(r, app);
  register_assisted_routes(r, app);
  register_reviewer_routes(r, app);
  register_supervisor_routes(r, app);
  register_stage_figure_routes(r, app);
  register_calendar_routes(r, app);
  register_catalog_import_routes(r, app);
  register_catalog_version_routes(r, app);
  register_admin_routes(r, app);
  if (routes) *routes = r.routes();

  // JSON routes refuse bodies over 1 MiB themselves (json_body), after reading them: answering
  // before the body is read would reset the connection under the client, which then sees no
  // status at all. Past the server-wide limit httplib answers 413 by itself.
  svr->set_error_handler(
      httplib::Server::HandlerWithResponse([web](const httplib::Request& req, httplib::Response& res) {
        // A chunked or unframed body stopped at its budget: httplib says 400, the truth is 413.
        if (body_over_budget()) {
          send_error(res, "payload_too_large");
          return httplib::Server::HandlerResponse::Handled;
        }
        // The web app's client-side routes: a GET that is not the API (nor a missing hashed
        // asset) gets index.html.
        if (res.status == 404 && web->serve_page(req, res)) return httplib::Server::HandlerResponse::Handled;
        // httplib cuts whatever body goes out into the requested ranges, error bodies too.
        enforce_range_policy(req, res);
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        // httplib decided the status (404, 413 …); the body takes the code's message.
        const int status = res.status;
        send_error(res, code_for_status(status));
        res.status = status;
        return httplib::Server::HandlerResponse::Handled;
      }));

  svr->set_exception_handler([](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "[error] %s %s: %s\n", log_text(req.method).c_str(), mask_numbers(req.path).c_str(),
                 log_text(what).c_str());
    send_error(res, "internal_error");
  });

  svr->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status >= 500)
      std::fprintf(stderr, "[http] %s %s -> %d\n", log_text(req.method).c_str(), mask_numbers(req.path).c_str(),
                   res.status);
  });
  return svr;
}

void widen_listen_backlog(httplib::Server& svr) {
  if (auto* guarded = dynamic_cast<GuardedServer*>(&svr)) guarded->widen_backlog();
}

}  // namespace yilu::server::http
