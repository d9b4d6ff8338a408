#include "workflow/staff_accounts.hpp"

#include "auth/password.hpp"
#include "auth/tokens.hpp"

namespace yilu::server {

namespace {

bool good_username(const std::string& u) {
  if (u.empty() || u.size() > 64) return false;
  for (const char c : u) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Error err(const char* code, const char* path) { return Error{code, "", path}; }

}  // namespace

Result<StaffAccount> create_staff_account(Store* store, const Catalog* catalog, const NewStaff& n, Timestamp now) {
  if (!good_username(n.username)) return err("bad_username", "/username");
  StaffAccount a;
  a.username = n.username;
  a.display_name = n.display_name.empty() ? n.username : n.display_name;
  const auto role = workflow::parse_role(n.role);
  if (!role) return err("bad_role", "/role");
  a.role = *role;
  // A clerk works at one window, a reviewer for one department; the others see everything.
  if (*role == workflow::Role::Clerk) {
    if (n.window.empty() || (catalog && !catalog->window(n.window))) return err("unknown_window", "/window");
    a.window = n.window;
  } else if (*role == workflow::Role::Reviewer) {
    if (n.department.empty() || (catalog && !catalog->department(n.department)))
      return err("unknown_department", "/department");
    a.department = n.department;
  }
  if (auto why = weak_password_reason(n.password)) return Error{"weak_password", *why, "/password"};
  auto hash = hash_password(n.password);
  if (!hash) return Error{"storage_error", "密码哈希失败", ""};
  a.password_hash = *hash;
  auto w = store->create_staff(a, now);
  if (!w.ok()) return w.error();
  if (w.value() == WriteOutcome::Conflict) return err("username_taken", "/username");
  return a;
}

Result<std::vector<DemoCredential>> seed_demo_staff(Store* store, const Catalog& catalog, const std::string& password,
                                                    Timestamp now) {
  std::vector<DemoCredential> out;
  auto existing = store->list_staff();
  if (!existing.ok()) return existing.error();
  if (!existing.value().empty()) return out;
  std::vector<NewStaff> plan;
  // Window names already say 窗口 (建设项目综合窗口, 税务窗口 …).
  for (const auto& w : catalog.windows()) plan.push_back({"clerk-" + w.id, w.name, "clerk", w.id, "", ""});
  for (const auto& d : catalog.departments())
    plan.push_back({"reviewer-" + d.id, d.name + " 审批", "reviewer", "", d.id, ""});
  plan.push_back({"supervisor", "督办", "supervisor", "", "", ""});
  plan.push_back({"admin", "管理员", "admin", "", "", ""});
  for (auto& n : plan) {
    n.password = password.empty() ? random_hex(8) : password;
    auto a = create_staff_account(store, &catalog, n, now);
    if (!a.ok()) return a.error();
    std::string scope = n.window.empty() ? n.department : n.window;
    if (const Window* w = catalog.window(n.window)) scope = w->name;
    if (const Department* d = catalog.department(n.department)) scope = d->name;
    out.push_back({n.username, n.password, n.role, scope});
  }
  return out;
}

}  // namespace yilu::server
