#pragma once
// Plain records the storage layer reads and writes. JSON-valued columns stay text here;
// the HTTP layer parses them (they were written by the server itself).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "yilu/date.hpp"

namespace yilu::server {

struct Resident {
  std::string id;
  std::string phone;
  std::string name;       ///< empty until the real-name profile is set
  std::string id_number;  ///< normalized by the core's check_id; empty until set
  Timestamp created_at = 0;
};

struct StaffAccount {
  std::string username;
  std::string display_name;
  std::string role;        ///< clerk, reviewer, supervisor, admin
  std::string window;      ///< clerk only
  std::string department;  ///< reviewer only
  std::string password_hash;
  bool disabled = false;
};

struct Session {
  std::string subject_kind;  ///< "resident" or "staff"
  std::string subject_id;
  Timestamp expires_at = 0;
};

struct Upload {
  std::string resident_id;
  std::string sha256;
  std::string kind;  ///< pdf, jpeg, png, ofd
  std::string content_type;
  std::int64_t size = 0;
  std::string name;
  Timestamp created_at = 0;
};

struct Application {
  std::string id;
  std::string resident_id;
  std::string kind;  ///< item or bundle
  std::string target_id;
  std::int64_t stage = 0;  ///< bundle: the stage now running (1-based); 0 for an item
  std::string window;
  std::string items;   ///< JSON array of item ids
  std::string status;
  std::string body;    ///< JSON {fields, materials}
  Timestamp submitted_at = 0;
  Timestamp accepted_at = 0;  ///< 0 until accepted
  std::string supplement;     ///< JSON or empty
  std::string refusal_reason;
  std::string rating;         ///< JSON or empty
  Timestamp updated_at = 0;
};

struct Task {
  std::string id;
  std::string application_id;
  std::string item_id;
  std::string department;
  std::int64_t stage = 0;      ///< bundle stage (1-based); 0 for a single item
  Timestamp started_at = 0;    ///< when its clock started (acceptance of its stage)
  std::string status;
  std::string pauses = "[]";      ///< JSON [{start, end?, reason}] (seconds)
  std::string extensions = "[]";  ///< JSON [{days, reason, at}]
  std::string note;
  Timestamp updated_at = 0;
};

struct Event {
  std::int64_t seq = 0;
  std::string application_id;
  std::string task_id;
  std::string kind;
  std::string actor_kind;  ///< resident, staff, system
  std::string actor_id;
  std::string actor_name;
  Timestamp at = 0;
  std::string data = "{}";
};

struct Licence {
  std::string id;
  std::string resident_id;
  std::string type;
  std::string name;
  std::string number;
  std::string item_id;
  std::string application_id;
  Timestamp issued_at = 0;
};

struct IdempotentResponse {
  std::string request_hash;
  int status = 0;
  std::string response;
};

/// One workflow step, applied atomically: the application (and any tasks) must still be in
/// the expected states, else nothing is written and the caller answers 409.
struct Change {
  std::string application_id;
  std::string expected_status;
  Application updated;                 ///< written whole (status, accepted_at, supplement …)
  std::vector<Task> new_tasks;
  std::vector<std::pair<std::string, Task>> task_updates;  ///< (expected status, new row)
  std::vector<Licence> new_licences;
  std::vector<Event> events;
  /// When set, called inside the transaction (after the task updates) with the statuses of
  /// the application's tasks in its running stage; a different result becomes the new status
  /// with a "system" event of that name. Concurrent decisions on sibling tasks are serialized
  /// by the writer, so the last one always sees the others.
  std::function<std::string(const std::vector<std::string>&)> derive_status;
};

}  // namespace yilu::server
