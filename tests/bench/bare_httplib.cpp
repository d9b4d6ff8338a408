// The baseline of the server benchmark: a bare cpp-httplib endpoint configured like
// `yilu serve` (TCP_NODELAY, the same thread pool), answering a constant JSON body.
// Usage: yilu_bench_bare_httplib PORT
#include <httplib.h>

#include <cstdlib>

int main(int argc, char** argv) {
  httplib::Server svr;
  svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(10000);
  svr.Post("/bare", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ok":true,"valid":true})", "application/json");
  });
  return svr.listen("127.0.0.1", argc > 1 ? std::atoi(argv[1]) : 18090) ? 0 : 1;
}
