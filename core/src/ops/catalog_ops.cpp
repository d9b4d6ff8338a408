// validate, plan_bundle, guide, catalog_info, lint_catalog: the catalog ops; file_types.
// Shapes in docs/core-api.md.
#include "detail/ops.hpp"
#include "detail/report_json.hpp"
#include "detail/request.hpp"
#include "yilu/bundle.hpp"
#include "yilu/catalog.hpp"
#include "yilu/file_types.hpp"
#include "yilu/guide.hpp"
#include "yilu/validation.hpp"

namespace yilu::detail {
namespace {

Result<const Catalog*> loaded(const OpContext& ctx) {
  const Catalog* c = ctx.engine.catalog();
  if (!c) return make_error("catalog_not_loaded", "");
  return c;
}

// The optional "answers" member (an object, or absent/null), as the nlohmann value that bundle
// plans and guides read.
struct Answers {
  json value;
  bool given = false;
  const json* get() const { return given ? &value : nullptr; }
};

Result<Answers> answers_of(const Fields& f) {
  const Value* a = f.find("answers");
  if (!a || a->is_null()) return Answers{};
  if (!a->is_object()) return f.wrong_type("answers", "object");
  return Answers{to_nlohmann(*a), true};
}

}  // namespace

OpStatus op_validate(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const auto c = loaded(ctx);
  if (!c.ok()) return c.error();
  const Catalog& catalog = *c.value();
  const Fields f(request);
  const Value* item_id = f.find("item");
  const Value* bundle_id = f.find("bundle");
  if ((item_id != nullptr) == (bundle_id != nullptr)) return make_error("item_or_bundle", "");
  const auto as_of = f.date_or("as_of", ctx.call.today);
  if (!as_of.ok()) return as_of.error();
  const Value* app = f.find("application");
  if (!app) return f.missing("application");
  if (!app->is_object()) return f.wrong_type("application", "object");
  if (item_id) {
    const auto id = f.string("item");
    if (!id.ok()) return id.error();
    const ItemDef* item = catalog.item(id.value());
    if (!item) return make_error("unknown_item", "/item", {{"id", std::string(id.value())}});
    write_report(out, validate_item(catalog, *item, *app, as_of.value()));
  } else {
    const auto id = f.string("bundle");
    if (!id.ok()) return id.error();
    const BundleDef* bundle = catalog.bundle(id.value());
    if (!bundle) return make_error("unknown_bundle", "/bundle", {{"id", std::string(id.value())}});
    write_report(out, validate_bundle(catalog, *bundle, *app, as_of.value()));
  }
  out.member("as_of", DateText(as_of.value()).view());
  out.member("catalog_version", catalog.version());
  return std::nullopt;
}

OpStatus op_plan_bundle(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const auto c = loaded(ctx);
  if (!c.ok()) return c.error();
  const Catalog& catalog = *c.value();
  const Fields f(request);
  const auto id = f.string("bundle");
  if (!id.ok()) return id.error();
  const BundleDef* bundle = catalog.bundle(id.value());
  if (!bundle) return make_error("unknown_bundle", "/bundle", {{"id", std::string(id.value())}});
  const auto accepted = f.timestamp_or("accepted_at", ctx.call.now);
  if (!accepted.ok()) return accepted.error();
  const auto answers = answers_of(f);
  if (!answers.ok()) return answers.error();
  const auto plan = plan_bundle(catalog, *ctx.engine.calendar(), *bundle, accepted.value(), answers.value().get());
  if (!plan.ok()) {
    Error e = plan.error();
    if (e.path.empty()) e.path = "/accepted_at";
    return e;
  }
  const BundlePlan& p = plan.value();
  json stages = json::array();
  for (std::size_t s = 0; s < p.stages.size(); ++s) {
    const PlannedStage& ps = p.stages[s];
    json items = json::array();
    for (const auto& pi : ps.items) {
      const Department* d = catalog.department(pi.item->department);
      items.push_back({{"id", pi.item->id},
                       {"name", pi.item->name},
                       {"department", d ? d->name : ""},
                       {"days", pi.days},
                       {"due_date", format_date(pi.due_date)}});
    }
    stages.push_back({{"index", s + 1},
                      {"name", ps.stage->name},
                      {"starts_on", format_date(cst_date(ps.starts_at))},
                      {"workdays", ps.workdays},
                      {"due_date", format_date(ps.due_date)},
                      {"new_materials", ps.new_materials},
                      {"reused_licences", ps.reused_licences},
                      {"reuse", ps.stage->reuse},
                      {"items", std::move(items)}});
  }
  const auto side = [](const BundlePlan& bp, bool separate, Date due) {
    const auto pick = [&](const Comparison& x) { return separate ? x.separate : x.bundle; };
    return json{{"due_date", format_date(due)},        {"workdays", pick(bp.workdays)},   {"steps", pick(bp.steps)},
                {"submissions", pick(bp.submissions)}, {"materials", pick(bp.materials)}, {"fields", pick(bp.fields)}};
  };
  out.member("bundle", json{{"id", bundle->id}, {"name", bundle->name}});
  out.member("accepted_at", format_timestamp_cst(accepted.value()));
  out.member("stages", std::move(stages));
  out.member("separate", side(p, true, p.separate_due_date));
  out.member("bundled", side(p, false, p.due_date));
  out.member("reductions", json{{"steps", p.steps.separate - p.steps.bundle},
                                {"workdays", p.workdays.separate - p.workdays.bundle},
                                {"materials", p.materials.separate - p.materials.bundle},
                                {"submissions", p.submissions.separate - p.submissions.bundle}});
  out.member("provisional", p.provisional);
  if (bundle->reported.set) {
    out.member("reported", json{{"separate_workdays", bundle->reported.separate_workdays},
                                {"bundle_workdays", bundle->reported.bundle_workdays},
                                {"submissions", bundle->reported.submissions},
                                {"source", bundle->reported.source}});
  } else {
    out.member_null("reported");
  }
  return std::nullopt;
}

OpStatus op_guide(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const auto c = loaded(ctx);
  if (!c.ok()) return c.error();
  const Fields f(request);
  if ((f.find("item") != nullptr) == (f.find("bundle") != nullptr)) return make_error("item_or_bundle", "");
  const auto answers = answers_of(f);
  if (f.find("item")) {
    const auto id = f.string("item");
    if (!id.ok()) return id.error();
    const ItemDef* item = c.value()->item(id.value());
    if (!item) return make_error("unknown_item", "/item", {{"id", std::string(id.value())}});
    if (!answers.ok()) return answers.error();
    out.member("guide", service_guide(*c.value(), *item, answers.value().get()));
  } else {
    const auto id = f.string("bundle");
    if (!id.ok()) return id.error();
    const BundleDef* bundle = c.value()->bundle(id.value());
    if (!bundle) return make_error("unknown_bundle", "/bundle", {{"id", std::string(id.value())}});
    if (!answers.ok()) return answers.error();
    out.member("guide", bundle_guide(*c.value(), *bundle, answers.value().get()));
  }
  out.member("catalog_version", c.value()->version());
  return std::nullopt;
}

OpStatus op_file_types(const Value&, const OpContext&, JsonWriter& out) {
  json types = json::array();
  for (const FileType& t : file_types()) {
    json ext = json::array();
    for (const auto& e : t.extensions)
      if (!e.empty()) ext.push_back(std::string(e));
    types.push_back({{"id", std::string(t.id)},
                     {"name", std::string(t.name)},
                     {"mime", std::string(t.mime)},
                     {"extensions", std::move(ext)}});
  }
  json defaults = json::array();
  for (const auto& id : kDefaultFileTypes) defaults.push_back(std::string(id));
  out.member("types", std::move(types));
  out.member("default", std::move(defaults));
  return std::nullopt;
}

OpStatus op_catalog_info(const Value&, const OpContext& ctx, JsonWriter& out) {
  const auto c = loaded(ctx);
  if (!c.ok()) return c.error();
  const Catalog& catalog = *c.value();
  out.member("id", catalog.id());
  out.member("name", catalog.name());
  out.member("version", catalog.version());
  out.member("fingerprint", catalog.fingerprint());
  out.member("schema_version", kCatalogSchemaVersion);
  out.member("counts", json{{"departments", catalog.departments().size()},
                            {"windows", catalog.windows().size()},
                            {"licence_types", catalog.licence_types().size()},
                            {"items", catalog.items().size()},
                            {"bundles", catalog.bundles().size()}});
  json bundles = json::array();
  for (const auto& b : catalog.bundles()) bundles.push_back({{"id", b.id}, {"name", b.name}});
  out.member("bundles", std::move(bundles));
  return std::nullopt;
}

OpStatus op_lint_catalog(const Value& request, const OpContext&, JsonWriter& out) {
  const Fields f(request);
  const auto text = f.string("text");
  if (!text.ok()) return text.error();
  const std::vector<Problem> problems = lint_catalog(text.value());
  out.member("clean", problems.empty());
  out.member("count", problems.size());
  // The list is bounded like validation's so that a hostile text cannot produce a huge response.
  std::vector<Problem> shown(problems.begin(),
                             problems.begin() + static_cast<std::ptrdiff_t>(std::min(problems.size(), kMaxProblems)));
  out.key("problems");
  write_problems(out, shown);
  return std::nullopt;
}

}  // namespace yilu::detail
