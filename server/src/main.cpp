// The `yilu` executable: subcommands share one binary so that the server, the command-line
// tools and the tests all link the same core.
#include <cstdio>
#include <cstring>

#include "catalog_cli.hpp"
#include "core_cli.hpp"
#include "demo/demo_cli.hpp"
#include "routes_cli.hpp"
#include "serve_cli.hpp"

namespace {

void usage() {
  std::fputs(
      "用法: yilu <命令> [参数]\n"
      "  core     以 JSON 行协议调用规则核心（标准输入 → 标准输出）\n"
      "  catalog  事项目录工具（catalog lint 文件：列出全部问题）\n"
      "  serve    一窗受理后台 HTTP 服务（--demo 创建演示账户）\n"
      "  admin    工作人员账户管理（create-staff / disable-staff / list-staff）\n"
      "  demo-year  生成一年的模拟办件（演示与规模测试）\n"
      "  routes   列出全部 HTTP 接口及其访问权限（JSON）\n",
      stderr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage();
    return 2;
  }
  const char* cmd = argv[1];
  if (std::strcmp(cmd, "core") == 0) return yilu::server::run_core_cli(argc - 2, argv + 2);
  if (std::strcmp(cmd, "catalog") == 0) return yilu::server::run_catalog_cli(argc - 2, argv + 2);
  if (std::strcmp(cmd, "serve") == 0) return yilu::server::run_serve(argc - 2, argv + 2);
  if (std::strcmp(cmd, "admin") == 0) return yilu::server::run_admin(argc - 2, argv + 2);
  if (std::strcmp(cmd, "demo-year") == 0) return yilu::server::demo::run_demo_year_cli(argc - 2, argv + 2);
  if (std::strcmp(cmd, "routes") == 0) return yilu::server::run_routes(argc - 2, argv + 2);
  if (std::strcmp(cmd, "-h") == 0 || std::strcmp(cmd, "--help") == 0) {
    usage();
    return 0;
  }
  std::fprintf(stderr, "yilu: 未知命令 %s\n", cmd);
  usage();
  return 2;
}
