#pragma once
// Creating staff accounts (shared by `yilu admin`, the admin API and --demo): the role and
// its scope checked against the catalog, the password hashed with Argon2id.
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

struct NewStaff {
  std::string username;
  std::string display_name;
  std::string role;
  std::string window;
  std::string department;
  std::string password;
};

/// The stored account. Errors (code, path): bad_username, bad_role, unknown_window,
/// unknown_department, weak_password (its message: the policy's Chinese reason, auth/password.hpp),
/// username_taken, storage_error.
Result<StaffAccount> create_staff_account(Store* store, const Catalog* catalog, const NewStaff& n, Timestamp now);

/// A credential printed once by --demo.
struct DemoCredential {
  std::string username;
  std::string password;
  std::string role;
  std::string scope;  ///< window or department name
};

/// Seeds one clerk per window, one reviewer per department, a supervisor and an admin, unless
/// any staff account exists already (then returns an empty list). `password` empty = random.
Result<std::vector<DemoCredential>> seed_demo_staff(Store* store, const Catalog& catalog, const std::string& password,
                                                    Timestamp now);

}  // namespace yilu::server
