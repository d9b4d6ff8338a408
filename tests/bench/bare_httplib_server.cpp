// The ceiling for `POST /api/v1/core` (issue 6): cpp-httplib with the server's settings
// (thread pool of 64, TCP_NODELAY, keep-alive) and a handler that does no work — it answers
// the request body back as JSON. scripts/bench.sh loads it with wrk beside `yilu serve`.
//   bare_httplib_server PORT
#include <cstdio>
#include <cstdlib>

#include <httplib.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: bare_httplib_server PORT\n", stderr);
    return 2;
  }
  httplib::Server svr;
  svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(10000);
  svr.set_keep_alive_timeout(5);
  svr.Post("/api/v1/core", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body, "application/json; charset=utf-8");
  });
  return svr.listen("127.0.0.1", std::atoi(argv[1])) ? 0 : 1;
}
