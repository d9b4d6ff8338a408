#include "catalog/condition.hpp"

namespace yilu::detail {
namespace {

using nlohmann::json;

template <class A, class B>
bool less_than(const A& a, const B& b) {
  if (a.is_number() && b.is_number()) return a.template get<double>() < b.template get<double>();
  if (a.is_string() && b.is_string()) return str(a) < str(b);
  return false;
}

template <class V>
bool comparable(const V& a, const json& b) {
  return (a.is_number() && b.is_number()) || (a.is_string() && b.is_string());
}

bool same_value(const json& a, const json& b) { return a == b; }
bool same_value(const Value& a, const json& b) { return equals(a, b); }

template <class V>
Truth leaf(const CondNode& n, const V* v, bool absent_is_unknown) {
  if (n.op == CondOp::Present) {
    const bool want = !n.value.is_boolean() || n.value.get<bool>();
    const bool given = v && !v->is_null() && !(v->is_string() && str(*v).empty());
    if (!given && absent_is_unknown) return Truth::Unknown;
    return given == want ? Truth::True : Truth::False;
  }
  if (!v || v->is_null()) return absent_is_unknown ? Truth::Unknown : Truth::False;
  bool r = false;
  switch (n.op) {
    case CondOp::Equals: r = same_value(*v, n.value); break;
    case CondOp::In:
      for (const auto& x : n.value)
        if (same_value(*v, x)) r = true;
      break;
    case CondOp::Gt: r = comparable(*v, n.value) && less_than(n.value, *v); break;
    case CondOp::Ge: r = comparable(*v, n.value) && !less_than(*v, n.value); break;
    case CondOp::Lt: r = comparable(*v, n.value) && less_than(*v, n.value); break;
    case CondOp::Le: r = comparable(*v, n.value) && !less_than(n.value, *v); break;
    default: break;
  }
  return r ? Truth::True : Truth::False;
}

Truth combine_all(Truth acc, Truth t) {
  if (acc == Truth::False || t == Truth::False) return Truth::False;
  if (acc == Truth::Unknown || t == Truth::Unknown) return Truth::Unknown;
  return Truth::True;
}

Truth combine_any(Truth acc, Truth t) {
  if (acc == Truth::True || t == Truth::True) return Truth::True;
  if (acc == Truth::Unknown || t == Truth::Unknown) return Truth::Unknown;
  return Truth::False;
}

}  // namespace

template <class V>
const V* CondLookupOf<V>::value(const CondNode& n) const {
  const V* scope = n.ref_kind == RefKind::Question ? answers : n.ref_kind == RefKind::Sibling ? entry : fields;
  return scope ? member(*scope, n.ref) : nullptr;
}

template <class V>
Truth eval_condition(const std::vector<CondNode>& pool, std::int32_t root, const CondLookupOf<V>& lookup) {
  if (root < 0 || static_cast<std::size_t>(root) >= pool.size()) return Truth::True;
  // Post-order walk with an explicit stack; the depth is bounded by kMaxConditionDepth at load.
  struct Frame {
    std::int32_t node;
    std::size_t next_child;
    Truth acc;
  };
  std::vector<Frame> stack;
  stack.push_back({root, 0, Truth::True});
  Truth result = Truth::True;
  bool have_result = false;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const CondNode& n = pool[static_cast<std::size_t>(f.node)];
    const bool composite = n.op == CondOp::All || n.op == CondOp::Any || n.op == CondOp::Not;
    if (!composite) {
      result = leaf(n, lookup.value(n), lookup.absent_is_unknown);
      have_result = true;
      stack.pop_back();
    } else {
      if (have_result) {
        // fold the finished child into this frame
        if (n.op == CondOp::All) f.acc = f.next_child == 1 ? result : combine_all(f.acc, result);
        else if (n.op == CondOp::Any) f.acc = f.next_child == 1 ? result : combine_any(f.acc, result);
        else f.acc = result == Truth::Unknown ? Truth::Unknown : (result == Truth::True ? Truth::False : Truth::True);
        have_result = false;
      }
      if (f.next_child < n.children.size()) {
        const std::int32_t child = n.children[f.next_child++];
        stack.push_back({child, 0, Truth::True});
        continue;
      }
      Truth done = f.acc;
      if (n.children.empty()) done = n.op == CondOp::Any ? Truth::False : Truth::True;
      result = done;
      have_result = true;
      stack.pop_back();
    }
  }
  return result;
}

// The two value types: the server's nlohmann values and a request's Value.
template struct CondLookupOf<json>;
template struct CondLookupOf<Value>;
template Truth eval_condition(const std::vector<CondNode>&, std::int32_t, const CondLookupOf<json>&);
template Truth eval_condition(const std::vector<CondNode>&, std::int32_t, const CondLookupOf<Value>&);

}  // namespace yilu::detail
