#include "serve_cli.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include "app_setup.hpp"
#include "auth/tokens.hpp"
#include "calendar_pub/calendar_publication.hpp"
#include "catalog_pub/catalog_versions.hpp"
#include "cli_args.hpp"
#include "data_lock.hpp"
#include "demo/demo_cli.hpp"
#include "figures_rollup.hpp"
#include "http/overview.hpp"
#include "http/server.hpp"
#include "reminders.hpp"
#include "storage/open_store.hpp"
#include "workflow/staff_accounts.hpp"

namespace yilu::server {

namespace {

void serve_usage() {
  std::fputs(
      "用法: yilu serve [--addr 127.0.0.1] [--port 8080] [--data ./var] [--db URL] [--web DIR] [--catalog FILE] "
      "[--demo] [--demo-year N]\n"
      "  --demo-year N: 演示模式，且数据库里还没有申请时，先生成一年的模拟办件（N 件，如 20000）\n"
      "  --db: sqlite:文件路径（默认 <data>/yilu.db，一台服务器独占）或 postgresql://用户@主机:端口/库名\n"
      "        （多台服务器共用；此时 --data 只存上传的文件，须是各服务器共享的目录）\n"
      "  环境变量: YILU_ADDR YILU_PORT YILU_DATA_DIR YILU_DB YILU_WEB_DIR YILU_CATALOG YILU_DEMO_PASSWORD\n"
      "            YILU_TRUSTED_PROXIES（反向代理的地址，逗号分隔；其 X-Real-IP 视为客户端地址）\n"
      "            YILU_CONNECTIONS_PER_ADDRESS（每个客户端地址的并发连接上限，默认 32，0 为不限）\n"
      "            YILU_APPLICATIONS_PER_DAY（每位居民每天可提交的申请数，默认 20，0 为不限）\n"
      "            YILU_UPLOADS_PER_DAY、YILU_UPLOAD_MB_PER_DAY（每位居民每天可上传的文件数与兆字节数，默认 100 与 "
      "300）\n",
      stderr);
}

}  // namespace

int run_serve(int argc, char** argv) {
  // Signals are taken by one thread with sigwait, so they must be blocked before any other
  // thread (the database writer, the pool) starts and inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::string addr = env_or("YILU_ADDR", "127.0.0.1");
  std::string port_text = env_or("YILU_PORT", "8080");
  AppOptions o;
  o.data_dir = env_or("YILU_DATA_DIR", "var");
  o.db_url = env_or("YILU_DB", "");
  o.web_dir = env_or("YILU_WEB_DIR", default_web_dir());
  o.catalog_path = env_or("YILU_CATALOG", "");
  bool demo = false;
  std::string demo_year;
  for (int i = 0; i < argc; ++i) {
    std::string v;
    if (take(argc, argv, i, "--demo-year", demo_year)) {
      demo = true;
      continue;
    }
    if (take(argc, argv, i, "--addr", addr) || take(argc, argv, i, "--port", port_text) ||
        take(argc, argv, i, "--data", o.data_dir) || take(argc, argv, i, "--db", o.db_url) ||
        take(argc, argv, i, "--web", o.web_dir) || take(argc, argv, i, "--catalog", o.catalog_path))
      continue;
    if (std::strcmp(argv[i], "--demo") == 0) {
      demo = true;
      continue;
    }
    if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      serve_usage();
      return 0;
    }
    std::fprintf(stderr, "yilu serve: 未知参数 %s\n", argv[i]);
    serve_usage();
    return 2;
  }
  char* end = nullptr;
  const long port = std::strtol(port_text.c_str(), &end, 10);
  if (!end || *end || port < 0 || port > 65535) {
    std::fprintf(stderr, "yilu serve: 端口无效 %s\n", port_text.c_str());
    return 2;
  }
  if (!crypto_init()) {
    std::fputs("yilu serve: libsodium 初始化失败\n", stderr);
    return 1;
  }
  // Before anything opens the database: a second server on an embedded database stops here.
  // A shared database is made for several servers (and their shared upload folder).
  auto folder_lock = lock_if_embedded(o.data_dir, o.db_url);
  if (!folder_lock.ok()) {
    std::fprintf(stderr, "yilu serve: %s\n", folder_lock.error().message.c_str());
    return 1;
  }
  auto made = make_app(o);
  if (!made.ok()) {
    std::fprintf(stderr, "yilu serve: %s\n", made.error().message.c_str());
    return 1;
  }
  App& app = *made.value();
  // Behind a reverse proxy every connection comes from the proxy's address (docs/deploy.md).
  const std::string per_address = env_or("YILU_CONNECTIONS_PER_ADDRESS", "");
  if (!per_address.empty()) app.limits.connections_per_address = std::strtoul(per_address.c_str(), nullptr, 10);
  // Behind nginx: whose X-Real-IP to believe (comma-separated addresses; docs/deploy.md).
  std::string proxies = env_or("YILU_TRUSTED_PROXIES", "");
  for (std::size_t at = 0; at < proxies.size();) {
    std::size_t comma = proxies.find(',', at);
    if (comma == std::string::npos) comma = proxies.size();
    if (comma > at) app.limits.trusted_proxies.push_back(proxies.substr(at, comma - at));
    at = comma + 1;
  }
  // Daily allowances per resident (docs/deploy.md): a load test or a pilot may lift them; and
  // how old the overview's counts may be.
  const auto env_limit = [](const char* name, std::int64_t& limit, std::int64_t unit) {
    const std::string v = env_or(name, "");
    if (!v.empty()) limit = std::strtoll(v.c_str(), nullptr, 10) * unit;
  };
  env_limit("YILU_APPLICATIONS_PER_DAY", app.limits.applications_per_day, 1);
  env_limit("YILU_UPLOADS_PER_DAY", app.limits.uploads_per_day, 1);
  env_limit("YILU_UPLOAD_MB_PER_DAY", app.limits.upload_bytes_per_day, std::int64_t{1} << 20);
  env_limit("YILU_OVERVIEW_MAX_AGE", app.limits.overview_max_age, 1);
  if (demo) {
    auto creds = seed_demo_staff(app.store.get(), *app.catalog, env_or("YILU_DEMO_PASSWORD", ""), app.now());
    if (!creds.ok()) {
      std::fprintf(stderr, "yilu serve: 演示账户创建失败: %s\n", creds.error().code.c_str());
      return 1;
    }
    if (creds.value().empty()) {
      std::fputs("演示模式：数据目录中已有工作人员账户，未重新创建（密码只在首次创建时显示）。\n", stderr);
    } else {
      std::fputs("演示模式：已创建工作人员账户（密码只显示这一次）:\n", stderr);
      for (const auto& c : creds.value())
        std::fprintf(stderr, "  %-28s %-12s %-10s %s\n", c.username.c_str(), c.password.c_str(), c.role.c_str(),
                     c.scope.c_str());
    }
  }

  if (!demo_year.empty()) {
    const long long n = std::strtoll(demo_year.c_str(), nullptr, 10);
    if (n <= 0 || n > 10000000) {
      std::fprintf(stderr, "yilu serve: --demo-year 须是 1 到 10000000 之间的件数: %s\n", demo_year.c_str());
      return 2;
    }
    if (!demo::fill_if_empty(app, n)) return 1;
  }

  auto svr = http::build_server(app);
  if (!svr->bind_to_port(addr, static_cast<int>(port))) {
    std::fprintf(stderr, "yilu serve: 无法监听 %s:%ld\n", addr.c_str(), port);
    return 1;
  }
  http::widen_listen_backlog(*svr);
  std::fprintf(stderr, "yilu serve: 监听 http://%s:%ld  数据目录 %s  目录版本 %s\n", addr.c_str(), port,
               o.data_dir.c_str(), app.catalog->version().c_str());
  std::fprintf(stderr, "yilu serve: %s\n", app.sms->describe().c_str());
  if (!app.web_dir.empty()) std::fprintf(stderr, "yilu serve: 网页目录 %s\n", app.web_dir.c_str());
  std::fflush(stderr);

  std::atomic<bool> signalled{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    std::fprintf(stderr, "yilu serve: 收到信号 %d，停止接受新请求并退出\n", sig);
    svr->stop();
  });
  // 容缺 reminders, automatic 催办 and the supervision figures' daily counts: every five
  // minutes, until the server stops.
  std::mutex remind_mu;
  std::condition_variable remind_cv;
  bool stopping = false;
  std::thread remind_thread([&] {
    std::unique_lock<std::mutex> lock(remind_mu);
    while (!stopping) {
      lock.unlock();
      remind_owed_materials(app);
      escalate_late_reviews(app);
      roll_up_figures(app);
      lock.lock();
      remind_cv.wait_for(lock, std::chrono::minutes(5), [&] { return stopping; });
    }
  });
  // The supervisor overview's summary, recomputed in the background while someone watches it,
  // so that requests are answered from a summary younger than overview_max_age without waiting
  // for a computation (http/overview.hpp).
  std::thread overview_thread([&] {
    const std::int64_t max_age = app.limits.overview_max_age;
    if (max_age <= 0) return;
    std::unique_lock<std::mutex> lock(remind_mu);
    while (!stopping) {
      remind_cv.wait_for(lock, std::chrono::seconds(std::max<std::int64_t>(1, max_age / 2)), [&] { return stopping; });
      if (stopping) break;
      lock.unlock();
      http::refresh_overview_if_watched(app);
      lock.lock();
    }
  });
  // A calendar or catalog published through another server of the database: in force here
  // within seconds.
  std::thread calendar_thread([&] {
    std::unique_lock<std::mutex> lock(remind_mu);
    while (!stopping) {
      remind_cv.wait_for(lock, std::chrono::seconds(10), [&] { return stopping; });
      if (stopping) break;
      lock.unlock();
      if (auto adopted = adopt_published_calendar(app); adopted.ok() && adopted.value())
        std::fprintf(stderr, "yilu serve: 已启用新发布的节假日日历\n");
      if (auto adopted = adopt_published_catalog(app); adopted.ok() && adopted.value())
        std::fprintf(stderr, "yilu serve: 已启用新发布的事项目录\n");
      lock.lock();
    }
  });
  svr->listen_after_bind();
  {
    std::lock_guard<std::mutex> lock(remind_mu);
    stopping = true;
  }
  remind_cv.notify_all();
  remind_thread.join();
  overview_thread.join();
  calendar_thread.join();
  // listen returned: either a signal stopped it (the thread is done) or it failed; in the
  // latter case wake the signal thread so it can be joined.
  // SIGTERM to that one thread is deliberate: it is blocked everywhere and only sigwait takes it.
  if (!signalled) pthread_kill(signal_thread.native_handle(), SIGTERM);  // NOLINT(bugprone-bad-signal-to-kill-thread)
  signal_thread.join();
  // The App (and its database writer) is destroyed after the pool has finished its requests.
  std::fputs("yilu serve: 已停止\n", stderr);
  return 0;
}

}  // namespace yilu::server

namespace yilu::server {

namespace {

void admin_usage() {
  std::fputs(
      "用法: yilu admin <子命令> --data DIR [--db URL] [参数]\n"
      "  create-staff  --username U --role clerk|reviewer|supervisor|admin [--window W] [--department D] [--name "
      "显示名]\n"
      "                密码取自环境变量 YILU_STAFF_PASSWORD，否则从标准输入读一行\n"
      "  disable-staff --username U     停用账户并吊销其会话\n"
      "  list-staff                     列出账户\n",
      stderr);
}

}  // namespace

int run_admin(int argc, char** argv) {
  if (argc < 1) {
    admin_usage();
    return 2;
  }
  const std::string sub = argv[0];
  AppOptions o;
  o.data_dir = env_or("YILU_DATA_DIR", "var");
  o.db_url = env_or("YILU_DB", "");
  o.catalog_path = env_or("YILU_CATALOG", "");
  NewStaff n;
  for (int i = 1; i < argc; ++i) {
    if (take(argc, argv, i, "--data", o.data_dir) || take(argc, argv, i, "--db", o.db_url) ||
        take(argc, argv, i, "--catalog", o.catalog_path) || take(argc, argv, i, "--username", n.username) ||
        take(argc, argv, i, "--role", n.role) || take(argc, argv, i, "--window", n.window) ||
        take(argc, argv, i, "--department", n.department) || take(argc, argv, i, "--name", n.display_name))
      continue;
    std::fprintf(stderr, "yilu admin: 未知参数 %s\n", argv[i]);
    admin_usage();
    return 2;
  }
  if (!crypto_init()) return 1;
  auto made = make_app(o);
  if (!made.ok()) {
    std::fprintf(stderr, "yilu admin: %s\n", made.error().message.c_str());
    return 1;
  }
  App& app = *made.value();
  if (sub == "create-staff") {
    n.password = env_or("YILU_STAFF_PASSWORD", "");
    if (n.password.empty()) {
      char line[512];
      if (std::fgets(line, sizeof line, stdin)) n.password = line;
      while (!n.password.empty() && (n.password.back() == '\n' || n.password.back() == '\r')) n.password.pop_back();
    }
    auto a = create_staff_account(app.store.get(), app.catalog, n, app.now());
    if (!a.ok()) {
      std::fprintf(stderr, "yilu admin: 创建失败: %s %s\n", a.error().code.c_str(), a.error().path.c_str());
      return 1;
    }
    std::printf("已创建 %s (%s)\n", a.value().username.c_str(), workflow::name(a.value().role));
    return 0;
  }
  if (sub == "disable-staff") {
    auto w = app.store->disable_staff(n.username);
    if (!w.ok() || w.value() != WriteOutcome::Done) {
      std::fprintf(stderr, "yilu admin: 账户不存在或无法停用: %s\n", n.username.c_str());
      return 1;
    }
    std::printf("已停用 %s\n", n.username.c_str());
    return 0;
  }
  if (sub == "list-staff") {
    auto list = app.store->list_staff();
    if (!list.ok()) return 1;
    for (const auto& s : list.value())
      std::printf("%-28s %-10s %-16s %s\n", s.username.c_str(), workflow::name(s.role),
                  (s.window.empty() ? s.department : s.window).c_str(), s.disabled ? "已停用" : "");
    return 0;
  }
  admin_usage();
  return 2;
}

}  // namespace yilu::server
