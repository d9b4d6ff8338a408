#include "core_cli.hpp"

#include <cstdio>
#include <cstring>
#include <string>

#include "clock.hpp"
#include "data_files.hpp"
#include "line_reader.hpp"
#include "yilu/call.hpp"

namespace yilu::server {
namespace {

void usage() {
  std::fputs(
      "用法: yilu core [--calendar 文件] [--catalog 文件|--no-catalog] [--now 时间]\n"
      "  每行从标准输入读一个 JSON 请求，向标准输出写一行 JSON 响应（按顺序，逐行刷新）。\n"
      "  --calendar  节假日数据文件（默认 <数据目录>/calendar/cn-calendar.json）\n"
      "  --catalog   事项目录文件（默认 <数据目录>/catalog/sanya.json）；--no-catalog 不加载\n"
      "  --now       把“现在”固定为该时间（RFC 3339，例如 2024-09-27T10:00:00+08:00），用于测试\n",
      stderr);
}

}  // namespace

int run_core_cli(int argc, char** argv) {
  std::string calendar_path = default_calendar_path();
  std::string catalog_path = sample_catalog_path();
  std::optional<Timestamp> fixed_now;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--calendar" && i + 1 < argc) {
      calendar_path = argv[++i];
    } else if (arg == "--catalog" && i + 1 < argc) {
      catalog_path = argv[++i];
    } else if (arg == "--no-catalog") {
      catalog_path.clear();
    } else if (arg == "--now" && i + 1 < argc) {
      fixed_now = parse_timestamp(argv[++i]);
      if (!fixed_now) {
        std::fprintf(stderr, "yilu core: --now 的时间格式无效：%s\n", argv[i]);
        return 2;
      }
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else {
      std::fprintf(stderr, "yilu core: 未知参数 %s\n", arg.c_str());
      usage();
      return 2;
    }
  }
  Engine engine;
  const auto text = read_file(calendar_path);
  if (!text) {
    std::fprintf(stderr, "yilu core: 无法读取节假日数据 %s\n", calendar_path.c_str());
    return 1;
  }
  if (const auto err = engine.load_calendar(*text)) {
    std::fprintf(stderr, "yilu core: 节假日数据有误（%s）：%s\n", err->path.c_str(), err->message.c_str());
    return 1;
  }
  if (!catalog_path.empty()) {
    const auto catalog_text = read_file(catalog_path);
    if (!catalog_text) {
      std::fprintf(stderr, "yilu core: 无法读取事项目录 %s\n", catalog_path.c_str());
      return 1;
    }
    if (const auto err = engine.load_catalog(*catalog_text)) {
      std::fprintf(stderr, "yilu core: 事项目录有误（%s）：%s（yilu catalog lint 列出全部问题）\n", err->path.c_str(),
                   err->message.c_str());
      return 1;
    }
  }
  LineReader reader(stdin, kMaxRequestBytes);
  std::string line;
  for (;;) {
    const auto status = reader.next(line);
    if (status == LineReader::Status::End) break;
    const CallContext ctx = context_at(fixed_now ? *fixed_now : now_seconds());
    const std::string response =
        status == LineReader::Status::TooLong ? error_response("line_too_long") : engine.call(line, ctx);
    std::fwrite(response.data(), 1, response.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace yilu::server
