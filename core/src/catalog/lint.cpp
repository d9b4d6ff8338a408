// The catalog lint: load problems, then every item's example application must validate
// (libphonenumber's ExampleNumbersTest habit: the data proves itself).
#include "detail/json_access.hpp"
#include "detail/messages.hpp"
#include "yilu/catalog.hpp"
#include "yilu/validation.hpp"

namespace yilu {

std::vector<Problem> lint_catalog(std::string_view json_text) {
  CatalogLoad load = Catalog::from_json(json_text);
  if (!load.catalog) return std::move(load.problems);
  std::vector<Problem> out;
  const Catalog& c = *load.catalog;
  for (std::size_t i = 0; i < c.items().size(); ++i) {
    const ItemDef& item = c.items()[i];
    const std::string base = "/items/" + std::to_string(i) + "/example";
    const nlohmann::json* as_of_text = detail::member(item.example, "as_of");
    const nlohmann::json* app = detail::member(item.example, "application");
    const auto as_of =
        as_of_text && as_of_text->is_string() ? parse_date(as_of_text->get<std::string>()) : std::nullopt;
    if (!as_of || !app) {
      out.push_back(Problem{base, "catalog.example_missing", nlohmann::json::object(),
                            detail::render_message("catalog.example_missing")});
      continue;
    }
    ValidationReport r = validate_item(c, item, *app, *as_of, base + "/application");
    for (auto& p : r.problems) out.push_back(std::move(p));
    for (auto& p : r.warnings) out.push_back(std::move(p));  // a clean example has no warnings either
  }
  return out;
}

}  // namespace yilu
