// Slices of the catalog answer as the whole catalog does: for every item and every bundle of
// the shipped sample, the core loaded with the entry's slice (alone, or merged with other
// slices) gives byte-identical answers to guide, validate and plan_bundle. The wasm build is
// held to the same in tests/js/catalog_slices.test.mjs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/catalog_slice.hpp"

using nlohmann::json;

namespace {

std::string sample_text() { return yilu::test::read_source_file("core/data/catalog/sanya.json"); }

const yilu::CallContext kCtx = yilu::context_at(1795000000);  // 2026-11-18, a Wednesday

yilu::Engine whole_engine() {
  yilu::Engine e;
  REQUIRE_FALSE(e.load_calendar(yilu::test::calendar_text()));
  REQUIRE_FALSE(e.load_catalog(sample_text()));
  return e;
}

yilu::Engine slice_engine(const std::vector<std::string>& slices) {
  yilu::Engine e;
  REQUIRE_FALSE(e.load_calendar(yilu::test::calendar_text()));
  json array = json::array();
  for (const auto& s : slices) array.push_back(json::parse(s));
  const auto error = e.load_catalog_slices(array.dump());
  INFO((error ? error->message : std::string()));
  REQUIRE_FALSE(error);
  return e;
}

// The requests a phone makes for an item: its guide (bare and with the example's answers),
// the example application (valid) and an empty one (every problem listed).
std::vector<std::string> item_requests(const yilu::ItemDef& item) {
  std::vector<std::string> out;
  const json answers = item.example.value("application", json::object()).value("answers", json::object());
  out.push_back(json{{"op", "guide"}, {"item", item.id}}.dump());
  out.push_back(json{{"op", "guide"}, {"item", item.id}, {"answers", answers}}.dump());
  out.push_back(json{{"op", "validate"},
                     {"item", item.id},
                     {"as_of", item.example.value("as_of", "2026-11-26")},
                     {"application", item.example.value("application", json::object())}}
                    .dump());
  out.push_back(json{{"op", "validate"}, {"item", item.id}, {"application", json::object()}}.dump());
  return out;
}

std::vector<std::string> bundle_requests(const yilu::BundleDef& bundle) {
  return {json{{"op", "guide"}, {"bundle", bundle.id}}.dump(),
          json{{"op", "plan_bundle"}, {"bundle", bundle.id}, {"accepted_at", "2026-11-26T10:00:00+08:00"}}.dump(),
          json{{"op", "validate"}, {"bundle", bundle.id}, {"application", json::object()}}.dump()};
}

}  // namespace

TEST_CASE("every item's slice answers guide and validate as the whole catalog", "[catalog][slice]") {
  const yilu::Engine whole = whole_engine();
  const yilu::CatalogSlicer slicer(sample_text(), *whole.catalog());
  for (const yilu::ItemDef& item : whole.catalog()->items()) {
    const auto slice = slicer.item(item.id);
    REQUIRE(slice);
    const yilu::Engine part = slice_engine({*slice});
    for (const std::string& request : item_requests(item)) {
      INFO(request);
      CHECK(part.call(request, kCtx) == whole.call(request, kCtx));
    }
  }
}

TEST_CASE("every bundle's slice answers guide, plan_bundle and validate as the whole catalog", "[catalog][slice]") {
  const yilu::Engine whole = whole_engine();
  const yilu::CatalogSlicer slicer(sample_text(), *whole.catalog());
  const json birth_application =
      json::parse(yilu::test::read_source_file("tests/fixtures/birth-bundle-application.json"));
  for (const yilu::BundleDef& bundle : whole.catalog()->bundles()) {
    const auto slice = slicer.bundle(bundle.id);
    REQUIRE(slice);
    const yilu::Engine part = slice_engine({*slice});
    std::vector<std::string> requests = bundle_requests(bundle);
    // Each item of the bundle can also be opened on its own from the bundle's slice.
    for (const auto& stage : bundle.stages)
      for (const auto& id : stage.items)
        for (auto r : item_requests(*whole.catalog()->item(id))) requests.push_back(std::move(r));
    if (bundle.id == "birth")
      requests.push_back(json{{"op", "validate"},
                              {"bundle", "birth"},
                              {"as_of", "2026-11-26"},
                              {"application", birth_application.value("application", birth_application)}}
                             .dump());
    for (const std::string& request : requests) {
      INFO(request);
      CHECK(part.call(request, kCtx) == whole.call(request, kCtx));
    }
  }
}

TEST_CASE("slices merge: several entries loaded together answer as the whole catalog", "[catalog][slice]") {
  const yilu::Engine whole = whole_engine();
  const yilu::CatalogSlicer slicer(sample_text(), *whole.catalog());
  // Overlapping slices (the birth bundle holds the newborn's social security card item too).
  const yilu::Engine part =
      slice_engine({*slicer.bundle("birth"), *slicer.item("tax_registration"),
                    *slicer.item("newborn_social_security_card"), *slicer.bundle("business_startup")});
  std::vector<std::string> requests = bundle_requests(*whole.catalog()->bundle("birth"));
  for (auto r : bundle_requests(*whole.catalog()->bundle("business_startup"))) requests.push_back(std::move(r));
  for (auto r : item_requests(*whole.catalog()->item("tax_registration"))) requests.push_back(std::move(r));
  for (const std::string& request : requests) {
    INFO(request);
    CHECK(part.call(request, kCtx) == whole.call(request, kCtx));
  }
  // The merged catalog answers for the whole one it was cut from.
  CHECK(part.catalog()->fingerprint() == whole.catalog()->fingerprint());
  CHECK(part.catalog()->is_slice());
  CHECK_FALSE(whole.catalog()->is_slice());
}

TEST_CASE("a slice is small and holds only what its entry refers to", "[catalog][slice]") {
  const yilu::Engine whole = whole_engine();
  const yilu::CatalogSlicer slicer(sample_text(), *whole.catalog());
  // 居住证办理 belongs to no bundle: its slice is the item and what it names.
  const json slice = json::parse(*slicer.item("residence_permit"));
  CHECK(slice["items"].size() == 1);
  CHECK_FALSE(slice.contains("bundles"));
  CHECK(slice["departments"].size() == 1);
  CHECK(slice["windows"].size() == 1);
  CHECK_FALSE(slice["items"][0].contains("example"));
  CHECK(slice["slice_of"] == whole.catalog()->fingerprint());
  CHECK(slicer.item("residence_permit")->size() * 20 < sample_text().size());
  // An item of a bundle comes with the bundle (its guide names it) and the bundle's items.
  const json in_bundle = json::parse(*slicer.item("tax_registration"));
  REQUIRE(in_bundle["bundles"].size() == 1);
  CHECK(in_bundle["bundles"][0]["id"] == "business_startup");
  CHECK(in_bundle["items"].size() == 5);  // 营业执照, then four items in parallel
  CHECK_FALSE(slicer.item("no_such_item"));
  CHECK_FALSE(slicer.bundle("no_such_bundle"));
}

TEST_CASE("slices of different catalogs, or disagreeing on an entry, do not merge", "[catalog][slice]") {
  const yilu::Engine whole = whole_engine();
  const yilu::CatalogSlicer slicer(sample_text(), *whole.catalog());
  json a = json::parse(*slicer.item("residence_permit"));
  json b = json::parse(*slicer.item("id_card_renewal"));
  b["slice_of"] = "0000000000000000";
  yilu::Engine e;
  auto error = e.load_catalog_slices(json::array({a, b}).dump());
  REQUIRE(error);
  CHECK(error->code == "catalog_invalid");
  CHECK(e.catalog() == nullptr);

  json c = json::parse(*slicer.item("residence_permit"));
  c["items"][0]["promised_days"] = 1;
  error = e.load_catalog_slices(json::array({a, c}).dump());
  REQUIRE(error);
  CHECK(error->code == "catalog_invalid");

  CHECK(e.load_catalog_slices("not json")->code == "bad_json");
  CHECK(e.load_catalog_slices("[]")->code == "catalog_invalid");
  CHECK(e.load_catalog_slices(json::array({sample_text()}).dump())->code == "catalog_invalid");  // a whole catalog
  // Slices given as texts (what the page sends) load like objects.
  const json d = json::parse(*slicer.item("id_card_renewal"));
  CHECK_FALSE(e.load_catalog_slices(json::array({a.dump(), d.dump()}).dump()));
  REQUIRE(e.catalog());
  CHECK(e.catalog()->items().size() == 2);
}
