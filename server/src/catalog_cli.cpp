#include "catalog_cli.hpp"

#include <cstdio>
#include <string>

#include "catalog_import/import_cli.hpp"
#include "data_files.hpp"
#include "yilu/catalog.hpp"
#include "yilu/catalog_slice.hpp"

namespace yilu::server {
namespace {

void usage() {
  std::fputs(
      "用法: yilu catalog lint [文件…]\n"
      "  检查事项目录：格式、引用、时限、条件，以及每个事项的示例申请能否通过校验。\n"
      "  列出全部问题（JSON 指针路径、代码、说明）；有问题时退出码为 1。\n"
      "  不给文件时检查 <数据目录>/catalog/sanya.json。\n"
      "用法: yilu catalog slices [文件]\n"
      "  列出手机端下载的目录片段：每个事项、每个一件事一行 JSON\n"
      "  {\"kind\":\"item\"|\"bundle\",\"id\",\"bytes\",\"slice\":片段文本}。\n"
      "用法: yilu catalog import 事项清单.xlsx|事项清单.csv 部门与窗口.csv [-o 文件] [--into 目录]\n"
      "  导入标准事项清单（详见 yilu catalog import --help）。\n",
      stderr);
}

int lint_file(const std::string& path) {
  const auto text = read_file(path);
  if (!text) {
    std::fprintf(stderr, "yilu catalog: 无法读取 %s\n", path.c_str());
    return 2;
  }
  const auto problems = lint_catalog(*text);
  for (const auto& p : problems)
    std::printf("%s: %s: %s: %s\n", path.c_str(), p.path.empty() ? "/" : p.path.c_str(), p.code.c_str(),
                p.message.c_str());
  if (!problems.empty()) {
    std::printf("%s: 共 %zu 处问题\n", path.c_str(), problems.size());
    return 1;
  }
  const CatalogLoad load = Catalog::from_json(*text);
  std::printf("%s: 无问题（%zu 个事项，%zu 个一件事，版本 %s）\n", path.c_str(), load.catalog->items().size(),
              load.catalog->bundles().size(), load.catalog->version().c_str());
  return 0;
}

// One line per entry: what the server answers at /api/v1/catalog/items|bundles/{id}.
int print_slices(const std::string& path) {
  const auto text = read_file(path);
  if (!text) {
    std::fprintf(stderr, "yilu catalog: 无法读取 %s\n", path.c_str());
    return 2;
  }
  const CatalogLoad load = Catalog::from_json(*text);
  if (!load.catalog) {
    std::fprintf(stderr, "yilu catalog: %s 有问题，请先运行 yilu catalog lint\n", path.c_str());
    return 1;
  }
  const CatalogSlicer slicer(*text, *load.catalog);
  const auto line = [](const char* kind, const std::string& id, const std::string& slice) {
    const nlohmann::json out = {{"kind", kind}, {"id", id}, {"bytes", slice.size()}, {"slice", slice}};
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  };
  for (const auto& it : load.catalog->items()) line("item", it.id, *slicer.item(it.id));
  for (const auto& b : load.catalog->bundles()) line("bundle", b.id, *slicer.bundle(b.id));
  return 0;
}

}  // namespace

int run_catalog_cli(int argc, char** argv) {
  if (argc < 1 || std::string(argv[0]) == "-h" || std::string(argv[0]) == "--help") {
    usage();
    return argc < 1 ? 2 : 0;
  }
  if (std::string(argv[0]) == "import") return run_catalog_import(argc - 1, argv + 1);
  if (std::string(argv[0]) == "slices") return print_slices(argc > 1 ? argv[1] : sample_catalog_path());
  if (std::string(argv[0]) != "lint") {
    std::fprintf(stderr, "yilu catalog: 未知子命令 %s\n", argv[0]);
    usage();
    return 2;
  }
  if (argc == 1) return lint_file(sample_catalog_path());
  int worst = 0;
  for (int i = 1; i < argc; ++i) {
    const int rc = lint_file(argv[i]);
    if (rc > worst) worst = rc;
  }
  return worst;
}

}  // namespace yilu::server
