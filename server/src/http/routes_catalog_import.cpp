// The catalog import from the admin console (docs/catalog.md, "Importing a standard item
// list"): the browser reads the XLSX with read-excel-file and sends its workbook JSON; the server
// runs the same import as `yilu catalog import` and answers with every problem at its cell and
// the catalog the good rows make.
#include "catalog_import/item_list_import.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"

namespace yilu::server::http {

namespace {

// A center's list of 2,000 items is about 1.2 MB of workbook JSON: more than the 1 MiB of
// other JSON bodies, well under the server's upload limit.
constexpr std::size_t kWorkbookBodyLimit = 16u << 20;
// A workbook is {"sheets":[{"rows":[[cell]]}]}: four levels.
constexpr std::size_t kWorkbookDepth = 8;

}  // namespace

void register_catalog_import_routes(Router& r, App& app) {
  // ?into=current: into the catalog in force (its bundles and other items kept), else a new one.
  r.post("/api/v1/admin/catalog/import", kAdmin,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
           if (req.body.size() > kWorkbookBodyLimit) return send_error(res, "payload_too_large");
           if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
             return send_error(res, "unsupported_media_type");
           if (json_nesting_exceeds(req.body, kWorkbookDepth)) return send_error(res, "json_too_deep");
           std::string error;
           const auto book = workbook_from_json(req.body, error);
           if (!book) return send_error_with(res, "bad_workbook", {{"detail", error}});
           ImportOptions options;
           options.as_of = format_date(cst_date(app.now()));
           options.version = "imported-" + options.as_of;
           nlohmann::ordered_json base;
           if (req.get_param_value("into") == "current") {
             base = nlohmann::ordered_json::parse(app.catalog_state()->text, nullptr, false);
             options.base = &base;
           }
           const ImportResult result = import_item_list(*book, options);
           nlohmann::ordered_json problems = nlohmann::ordered_json::array();
           for (const auto& p : result.problems)
             problems.push_back({{"sheet", p.sheet},
                                 {"row", p.row},
                                 {"column", p.column},
                                 {"cell", p.cell},
                                 {"code", p.code},
                                 {"message", p.message}});
           // Ordered: the catalog keeps the order of docs/catalog.md when the admin downloads it.
           const nlohmann::ordered_json out = {{"ok", true},
                                               {"items_read", result.items_read},
                                               {"items_imported", result.items_imported},
                                               {"departments", result.departments},
                                               {"problems", problems},
                                               {"catalog", result.catalog}};
           res.status = 200;
           res.set_content(out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                           "application/json; charset=utf-8");
         });
}

}  // namespace yilu::server::http
