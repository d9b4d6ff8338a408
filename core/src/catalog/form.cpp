#include "catalog/form.hpp"

#include <algorithm>

#include "detail/report_json.hpp"

namespace yilu::detail {
namespace {

bool same_rule(const Rule& x, const Rule& y) {
  return x.kind == y.kind && x.a == y.a && x.b == y.b && x.years == y.years && x.allow_equal == y.allow_equal;
}

void add_item(Form& form, const ItemDef& item, std::int32_t stage, const std::vector<std::string>* reuse) {
  for (const Question& q : item.questions)
    if (std::none_of(form.questions.begin(), form.questions.end(), [&](const Question* x) { return x->id == q.id; }))
      form.questions.push_back(&q);
  for (const FieldDef& f : item.fields) {
    auto it = std::find_if(form.fields.begin(), form.fields.end(),
                           [&](const std::vector<const FieldDef*>& d) { return d.front()->id == f.id; });
    if (it == form.fields.end()) form.fields.push_back({&f});
    else it->push_back(&f);
  }
  for (const Rule& r : item.rules)
    if (std::none_of(form.rules.begin(), form.rules.end(), [&](const Rule* x) { return same_rule(*x, r); }))
      form.rules.push_back(&r);
  for (const MaterialDef& m : item.materials) {
    // A licence issued by an earlier stage and named in this stage's reuse list is not asked again.
    const bool reused =
        reuse && !m.licence.empty() && std::find(reuse->begin(), reuse->end(), m.licence) != reuse->end();
    auto it = std::find_if(form.materials.begin(), form.materials.end(),
                           [&](const FormMaterial& x) { return x.defs.front()->id == m.id; });
    if (it == form.materials.end()) {
      form.materials.push_back(FormMaterial{{&m}, {&item}, stage, reused, {}});
      continue;
    }
    it->defs.push_back(&m);
    if (std::find(it->items.begin(), it->items.end(), &item) == it->items.end()) it->items.push_back(&item);
    if (it->reused && !reused) {
      it->reused = false;
      it->stage = stage;
    }
  }
}

// What a form keeps besides its definitions: the sorted ids (for the unknown-key walks), and
// each material's constant bytes in a report (a validate call then copies them, not ten members
// and the items' ids written and escaped one by one).
void complete_form(Form& form) {
  for (auto& m : form.materials) m.report_head = material_report_head(*m.defs.front(), m.items);
  for (const auto& f : form.fields) form.field_ids.emplace_back(f.front()->id);
  for (const auto* q : form.questions) form.question_ids.emplace_back(q->id);
  for (const auto& m : form.materials) form.material_ids.emplace_back(m.defs.front()->id);
  std::sort(form.field_ids.begin(), form.field_ids.end());
  std::sort(form.question_ids.begin(), form.question_ids.end());
  std::sort(form.material_ids.begin(), form.material_ids.end());
}

}  // namespace

Form form_for_item(const ItemDef& item) {
  Form form;
  add_item(form, item, 0, nullptr);
  complete_form(form);
  return form;
}

Form form_for_bundle(const Catalog& catalog, const BundleDef& bundle) {
  Form form;
  for (std::size_t s = 0; s < bundle.stages.size(); ++s)
    for (const auto& id : bundle.stages[s].items)
      if (const ItemDef* item = catalog.item(id))
        add_item(form, *item, static_cast<std::int32_t>(s + 1), &bundle.stages[s].reuse);
  complete_form(form);
  return form;
}

}  // namespace yilu::detail

namespace yilu {

Catalog::Catalog() = default;
Catalog::~Catalog() = default;
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

void Catalog::build_forms() {
  item_forms_.clear();
  bundle_forms_.clear();
  item_forms_.reserve(items_.size());
  for (const auto& item : items_)
    item_forms_.push_back(std::make_unique<const detail::Form>(detail::form_for_item(item)));
  bundle_forms_.reserve(bundles_.size());
  for (const auto& b : bundles_)
    bundle_forms_.push_back(std::make_unique<const detail::Form>(detail::form_for_bundle(*this, b)));
}

const detail::Form& Catalog::item_form(const ItemDef& item) const {
  return *item_forms_[static_cast<std::size_t>(&item - items_.data())];
}

const detail::Form& Catalog::bundle_form(const BundleDef& bundle) const {
  return *bundle_forms_[static_cast<std::size_t>(&bundle - bundles_.data())];
}

}  // namespace yilu
