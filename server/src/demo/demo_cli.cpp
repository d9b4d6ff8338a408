#include "demo/demo_cli.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_setup.hpp"
#include "cli_args.hpp"
#include "data_lock.hpp"
#include "demo/demo_year.hpp"
#include "storage/open_store.hpp"

namespace yilu::server::demo {

namespace {

void usage() {
  std::fputs(
      "用法: yilu demo-year [--data ./var] [--db URL] [--catalog FILE] [--applications 20000] [--seed 1]\n"
      "                     [--until 2026-12-04] [--days 365] [--threads 16]\n"
      "  在数据库中生成一年的模拟办件：居民提交目录中各事项的示例申请，窗口受理、补正或不予受理，\n"
      "  部门审查（有的部门慢、会中止计时或延长），督办催办，窗口出件，居民评价。\n"
      "  每一步都经过真实的办理流程写入，监管中心的统计与真实数据一样。用于演示与规模测试。\n"
      "  完成后在标准输出打印一行 JSON 统计。\n",
      stderr);
}

// Progress on one line of the terminal, at most every half second.

std::function<void(std::int64_t, std::int64_t)> terminal_progress() {
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  auto mu = std::make_shared<std::mutex>();
  return [last, mu](std::int64_t done, std::int64_t total) {
    std::lock_guard<std::mutex> lock(*mu);
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - *last < std::chrono::milliseconds(500)) return;
    *last = now;
    std::fprintf(stderr, "\r模拟办件: %lld / %lld（%lld%%）", static_cast<long long>(done),
                 static_cast<long long>(total), static_cast<long long>(total ? done * 100 / total : 100));
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

nlohmann::json stats_json(const DemoYearStats& s, double seconds) {
  return {{"applications", s.applications}, {"steps", s.steps},         {"reminders", s.reminders},
          {"targets", s.targets},           {"by_status", s.by_status}, {"seconds", seconds}};
}

}  // namespace

bool fill_if_empty(App& app, std::int64_t applications) {
  auto any = app.store->applications_by_status_page("", workflow::every_app_status(), PageRequest{"", 1});
  if (!any.ok()) {
    std::fprintf(stderr, "yilu serve: %s\n", any.error().message.c_str());
    return false;
  }
  if (any.value().total > 0) {
    std::fputs("演示模式：数据库里已有申请，不再生成模拟办件。\n", stderr);
    return true;
  }
  std::fprintf(stderr, "演示模式：生成一年的模拟办件（%lld 件），请稍候…\n", static_cast<long long>(applications));
  DemoYearOptions o;
  o.applications = applications;
  o.until = app.now();
  o.progress = terminal_progress();
  const auto started = std::chrono::steady_clock::now();
  auto r = fill_demo_year(app, o);
  if (!r.ok()) {
    std::fprintf(stderr, "\n模拟办件生成失败: %s %s\n", r.error().code.c_str(), r.error().message.c_str());
    return false;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "演示模式：已生成 %lld 件（%lld 个办理步骤，%.0f 秒）。\n",
               static_cast<long long>(r.value().applications), static_cast<long long>(r.value().steps), s);
  return true;
}

int run_demo_year_cli(int argc, char** argv) {
  AppOptions o;
  o.data_dir = env_or("YILU_DATA_DIR", "var");
  o.db_url = env_or("YILU_DB", "");
  o.catalog_path = env_or("YILU_CATALOG", "");
  std::string applications = "20000", seed = "1", until, days = "365", threads = "16";
  for (int i = 0; i < argc; ++i) {
    if (take(argc, argv, i, "--data", o.data_dir) || take(argc, argv, i, "--db", o.db_url) ||
        take(argc, argv, i, "--catalog", o.catalog_path) || take(argc, argv, i, "--applications", applications) ||
        take(argc, argv, i, "--seed", seed) || take(argc, argv, i, "--until", until) ||
        take(argc, argv, i, "--days", days) || take(argc, argv, i, "--threads", threads))
      continue;
    if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      usage();
      return 0;
    }
    std::fprintf(stderr, "yilu demo-year: 未知参数 %s\n", argv[i]);
    usage();
    return 2;
  }
  DemoYearOptions d;
  d.applications = std::strtoll(applications.c_str(), nullptr, 10);
  d.seed = std::strtoull(seed.c_str(), nullptr, 10);
  d.days = static_cast<int>(std::strtol(days.c_str(), nullptr, 10));
  d.threads = static_cast<int>(std::strtol(threads.c_str(), nullptr, 10));
  if (d.applications <= 0 || d.days <= 0 || d.threads <= 0) {
    std::fputs("yilu demo-year: --applications、--days、--threads 须是正整数\n", stderr);
    return 2;
  }
  std::optional<Timestamp> end;
  if (!until.empty()) {
    const auto day = parse_date(until);
    if (!day) {
      std::fprintf(stderr, "yilu demo-year: --until 须是 YYYY-MM-DD: %s\n", until.c_str());
      return 2;
    }
    end = cst_end_of_day(*day) - 6 * 3600;  // that day at 18:00, after the windows closed
  }
  auto folder_lock = lock_if_embedded(o.data_dir, o.db_url);
  if (!folder_lock.ok()) {
    std::fprintf(stderr, "yilu demo-year: %s\n", folder_lock.error().message.c_str());
    return 1;
  }
  auto made = make_app(o);
  if (!made.ok()) {
    std::fprintf(stderr, "yilu demo-year: %s\n", made.error().message.c_str());
    return 1;
  }
  App& app = *made.value();
  d.until = end ? *end : app.now();
  d.progress = terminal_progress();
  const auto started = std::chrono::steady_clock::now();
  auto r = fill_demo_year(app, d);
  if (!r.ok()) {
    std::fprintf(stderr, "\nyilu demo-year: %s %s\n", r.error().code.c_str(), r.error().message.c_str());
    return 1;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%s\n", stats_json(r.value(), s).dump().c_str());
  return 0;
}

}  // namespace yilu::server::demo
