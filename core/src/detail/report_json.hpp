#pragma once
// Validation as the validate op runs it: on the request's own values, its report written straight
// into the response (docs/core-api.md; the one place the report's shape is spelled out).
#include <vector>

#include "detail/json_value.hpp"
#include "detail/json_writer.hpp"
#include "yilu/validation.hpp"

namespace yilu::detail {

/// The `validate` op's members (verdict, problems, warnings, truncated, materials) into the open object.
void write_report(JsonWriter& out, const ValidationReport& report);

/// Validation of a request's application (detail::Value): the same Validator as the public
/// functions of yilu/validation.hpp, which take nlohmann values.
ValidationReport validate_item(const Catalog& catalog, const ItemDef& item, const Value& application, Date as_of,
                               const std::string& base = "/application");
ValidationReport validate_bundle(const Catalog& catalog, const BundleDef& bundle, const Value& application, Date as_of,
                                 const std::string& base = "/application");

/// A material's members in a report that depend on the catalog alone (commitment … name), as
/// JsonWriter::raw_members takes them: the form keeps them, write_report copies them.
std::string material_report_head(const MaterialDef& def, const std::vector<const ItemDef*>& items);

/// Problems as one array value: [{"code","message","params","path"}].
void write_problems(JsonWriter& out, const std::vector<Problem>& problems);

}  // namespace yilu::detail
