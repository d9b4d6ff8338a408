#include "storage/sqlite_store.hpp"

#include <random>

#include "auth/tokens.hpp"

namespace yilu::server {

using db::Connection;
using db::Stmt;

namespace {

const char* const kAppCols =
    "id, resident_id, kind, target_id, stage, window_id, items, status, body, submitted_at, "
    "IFNULL(accepted_at,0), IFNULL(supplement,''), IFNULL(refusal_reason,''), IFNULL(rating,''), updated_at";
const char* const kTaskCols =
    "id, application_id, item_id, department, status, pauses, extensions, IFNULL(note,''), updated_at, stage, started_at";
const char* const kStaffCols =
    "username, display_name, role, IFNULL(window_id,''), IFNULL(department,''), password_hash, disabled";
const char* const kLicenceCols = "id, resident_id, type, name, number, item_id, application_id, issued_at";
const char* const kUploadCols = "resident_id, sha256, kind, content_type, size, name, created_at";

Application read_app(const Stmt& s) {
  Application a;
  a.id = s.text(0);
  a.resident_id = s.text(1);
  a.kind = s.text(2);
  a.target_id = s.text(3);
  a.stage = s.integer(4);
  a.window = s.text(5);
  a.items = s.text(6);
  a.status = s.text(7);
  a.body = s.text(8);
  a.submitted_at = s.integer(9);
  a.accepted_at = s.integer(10);
  a.supplement = s.text(11);
  a.refusal_reason = s.text(12);
  a.rating = s.text(13);
  a.updated_at = s.integer(14);
  return a;
}

Task read_task(const Stmt& s) {
  Task t;
  t.id = s.text(0);
  t.application_id = s.text(1);
  t.item_id = s.text(2);
  t.department = s.text(3);
  t.status = s.text(4);
  t.pauses = s.text(5);
  t.extensions = s.text(6);
  t.note = s.text(7);
  t.updated_at = s.integer(8);
  t.stage = s.integer(9);
  t.started_at = s.integer(10);
  return t;
}

StaffAccount read_staff(const Stmt& s) {
  return StaffAccount{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6) != 0};
}

Licence read_licence(const Stmt& s) {
  return Licence{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.integer(7)};
}

Upload read_upload(const Stmt& s) {
  return Upload{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.text(5), s.integer(6)};
}

// Collects every row of a query into a vector, or the error.
template <class T, class Bind, class Read>
Result<std::vector<T>> rows(db::Database& d, const std::string& sql, Bind bind, Read read) {
  return d.read([&](Connection& c) -> Result<std::vector<T>> {
    Stmt s(c, sql);
    bind(s);
    std::vector<T> out;
    while (s.step()) out.push_back(read(s));
    if (s.error()) return *s.error();
    return out;
  });
}

template <class T, class Bind, class Read>
Result<std::optional<T>> one(db::Database& d, const std::string& sql, Bind bind, Read read) {
  auto r = rows<T>(d, sql, bind, read);
  if (!r.ok()) return r.error();
  if (r.value().empty()) return std::optional<T>{};
  return std::optional<T>{std::move(r.value().front())};
}

std::string in_list(std::size_t n) {
  std::string s = "(";
  for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s + ")";
}

bool insert_app(Connection& c, const Application& a) {
  Stmt s(c, "INSERT INTO applications (id, resident_id, kind, target_id, stage, window_id, items, status, body, "
            "submitted_at, accepted_at, supplement, refusal_reason, rating, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, a.id).bind(2, a.resident_id).bind(3, a.kind).bind(4, a.target_id).bind(5, a.stage).bind(6, a.window);
  s.bind(7, a.items).bind(8, a.status).bind(9, a.body).bind(10, a.submitted_at);
  if (a.accepted_at) s.bind(11, a.accepted_at); else s.bind_null(11);
  s.bind_opt(12, a.supplement).bind_opt(13, a.refusal_reason).bind_opt(14, a.rating).bind(15, a.updated_at);
  return !s.run();
}

bool insert_event(Connection& c, const Event& e) {
  Stmt s(c, "INSERT INTO events (application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data) "
            "VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, e.application_id).bind_opt(2, e.task_id).bind(3, e.kind).bind(4, e.actor_kind).bind(5, e.actor_id);
  s.bind_opt(6, e.actor_name).bind(7, e.at).bind(8, e.data);
  return !s.run();
}

bool upsert_task(Connection& c, const Task& t, bool insert) {
  Stmt s(c, insert ? "INSERT INTO tasks (status, pauses, extensions, note, updated_at, id, application_id, item_id, "
                     "department, stage, started_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                   : "UPDATE tasks SET status=?, pauses=?, extensions=?, note=?, updated_at=? WHERE id=?");
  s.bind(1, t.status).bind(2, t.pauses).bind(3, t.extensions).bind_opt(4, t.note).bind(5, t.updated_at).bind(6, t.id);
  if (insert) s.bind(7, t.application_id).bind(8, t.item_id).bind(9, t.department).bind(10, t.stage).bind(11, t.started_at);
  return !s.run();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto d = db::Database::open(path);
  if (!d.ok()) return d.error();
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(d.value())));
}

Result<Resident> SqliteStore::resident_by_phone(const std::string& phone, Timestamp now) {
  const auto find = [&]() {
    return one<Resident>(*db_, "SELECT id, phone, IFNULL(name,''), IFNULL(id_number,''), created_at FROM residents WHERE phone=?",
                         [&](Stmt& s) { s.bind(1, phone); },
                         [](const Stmt& s) { return Resident{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)}; });
  };
  auto found = find();
  if (!found.ok()) return found.error();
  if (found.value()) return *found.value();
  const std::string id = "R" + random_hex(8);
  auto e = db_->write([&](Connection& c) {
    Stmt s(c, "INSERT OR IGNORE INTO residents (id, phone, created_at) VALUES (?,?,?)");
    s.bind(1, id).bind(2, phone).bind(3, now);
    return !s.run();
  });
  if (e) return *e;
  found = find();
  if (!found.ok()) return found.error();
  if (!found.value()) return db::storage_error("resident vanished");
  return *found.value();
}

Result<std::optional<Resident>> SqliteStore::resident(const std::string& id) {
  return one<Resident>(*db_, "SELECT id, phone, IFNULL(name,''), IFNULL(id_number,''), created_at FROM residents WHERE id=?",
                       [&](Stmt& s) { s.bind(1, id); },
                       [](const Stmt& s) { return Resident{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)}; });
}

std::optional<Error> SqliteStore::set_profile(const std::string& id, const std::string& name, const std::string& id_number) {
  return db_->write([&](Connection& c) {
    Stmt s(c, "UPDATE residents SET name=?, id_number=? WHERE id=?");
    s.bind(1, name).bind(2, id_number).bind(3, id);
    return !s.run();
  });
}

std::optional<Error> SqliteStore::put_session(const std::string& token_hash, const Session& ses, Timestamp now) {
  return db_->write([&](Connection& c) {
    // Expired sessions are swept here, on the write path, instead of by a timer thread.
    Stmt sweep(c, "DELETE FROM sessions WHERE expires_at < ?");
    sweep.bind(1, now);
    if (sweep.run()) return false;
    Stmt s(c, "INSERT INTO sessions (token_hash, subject_kind, subject_id, expires_at, created_at) VALUES (?,?,?,?,?)");
    s.bind(1, token_hash).bind(2, ses.subject_kind).bind(3, ses.subject_id).bind(4, ses.expires_at).bind(5, now);
    return !s.run();
  });
}

Result<std::optional<Session>> SqliteStore::session(const std::string& token_hash, Timestamp now) {
  return one<Session>(*db_, "SELECT subject_kind, subject_id, expires_at FROM sessions WHERE token_hash=? AND expires_at>=?",
                      [&](Stmt& s) { s.bind(1, token_hash).bind(2, now); },
                      [](const Stmt& s) { return Session{s.text(0), s.text(1), s.integer(2)}; });
}

std::optional<Error> SqliteStore::delete_session(const std::string& token_hash) {
  return db_->write([&](Connection& c) {
    Stmt s(c, "DELETE FROM sessions WHERE token_hash=?");
    s.bind(1, token_hash);
    return !s.run();
  });
}

Result<WriteOutcome> SqliteStore::create_staff(const StaffAccount& a, Timestamp now) {
  bool taken = false;
  auto e = db_->write([&](Connection& c) {
    Stmt q(c, "SELECT 1 FROM staff WHERE username=?");
    q.bind(1, a.username);
    if (q.step()) {
      taken = true;
      return false;
    }
    Stmt s(c, "INSERT INTO staff (username, display_name, role, window_id, department, password_hash, disabled, created_at) "
              "VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, a.username).bind(2, a.display_name).bind(3, a.role).bind_opt(4, a.window).bind_opt(5, a.department);
    s.bind(6, a.password_hash).bind(7, std::int64_t{a.disabled ? 1 : 0}).bind(8, now);
    return !s.run();
  });
  if (taken) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<std::optional<StaffAccount>> SqliteStore::staff(const std::string& username) {
  return one<StaffAccount>(*db_, std::string("SELECT ") + kStaffCols + " FROM staff WHERE username=?",
                           [&](Stmt& s) { s.bind(1, username); }, read_staff);
}

Result<std::vector<StaffAccount>> SqliteStore::list_staff() {
  return rows<StaffAccount>(*db_, std::string("SELECT ") + kStaffCols + " FROM staff ORDER BY username", [](Stmt&) {},
                            read_staff);
}

Result<WriteOutcome> SqliteStore::disable_staff(const std::string& username) {
  bool missing = false;
  auto e = db_->write([&](Connection& c) {
    Stmt s(c, "UPDATE staff SET disabled=1 WHERE username=?");
    s.bind(1, username);
    if (s.run()) return false;
    if (c.changes() == 0) {
      missing = true;
      return false;
    }
    Stmt d(c, "DELETE FROM sessions WHERE subject_kind='staff' AND subject_id=?");
    d.bind(1, username);
    return !d.run();
  });
  if (missing) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

std::optional<Error> SqliteStore::put_upload(const Upload& u) {
  return db_->write([&](Connection& c) {
    Stmt s(c, "INSERT OR REPLACE INTO uploads (resident_id, sha256, kind, content_type, size, name, created_at) "
              "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, u.resident_id).bind(2, u.sha256).bind(3, u.kind).bind(4, u.content_type).bind(5, u.size);
    s.bind(6, u.name).bind(7, u.created_at);
    return !s.run();
  });
}

Result<std::optional<Upload>> SqliteStore::upload(const std::string& resident_id, const std::string& sha256) {
  return one<Upload>(*db_, std::string("SELECT ") + kUploadCols + " FROM uploads WHERE resident_id=? AND sha256=?",
                     [&](Stmt& s) { s.bind(1, resident_id).bind(2, sha256); }, read_upload);
}

Result<std::optional<Upload>> SqliteStore::any_upload(const std::string& sha256) {
  return one<Upload>(*db_, std::string("SELECT ") + kUploadCols + " FROM uploads WHERE sha256=? LIMIT 1",
                     [&](Stmt& s) { s.bind(1, sha256); }, read_upload);
}

Result<std::optional<IdempotentResponse>> SqliteStore::idempotent(const std::string& resident_id, const std::string& key) {
  return one<IdempotentResponse>(
      *db_, "SELECT request_hash, status, response FROM idempotency WHERE resident_id=? AND key=?",
      [&](Stmt& s) { s.bind(1, resident_id).bind(2, key); },
      [](const Stmt& s) { return IdempotentResponse{s.text(0), static_cast<int>(s.integer(1)), s.text(2)}; });
}

Result<WriteOutcome> SqliteStore::create_application(const Application& a, const Event& first, const std::string& idem_key,
                                                     const IdempotentResponse& response,
                                                     std::optional<IdempotentResponse>* existing) {
  bool conflict = false;
  auto e = db_->write([&](Connection& c) {
    if (!idem_key.empty()) {
      // Checked again inside the transaction: two retries racing past the read both land here,
      // and the writer serializes them.
      Stmt q(c, "SELECT request_hash, status, response FROM idempotency WHERE resident_id=? AND key=?");
      q.bind(1, a.resident_id).bind(2, idem_key);
      if (q.step()) {
        conflict = true;
        if (existing) *existing = IdempotentResponse{q.text(0), static_cast<int>(q.integer(1)), q.text(2)};
        return false;
      }
    }
    if (!insert_app(c, a) || !insert_event(c, first)) return false;
    if (!idem_key.empty()) {
      Stmt s(c, "INSERT INTO idempotency (resident_id, key, request_hash, status, response, created_at) VALUES (?,?,?,?,?,?)");
      s.bind(1, a.resident_id).bind(2, idem_key).bind(3, response.request_hash).bind(4, std::int64_t{response.status});
      s.bind(5, response.response).bind(6, a.submitted_at);
      if (s.run()) return false;
    }
    return true;
  });
  if (conflict) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<std::optional<Application>> SqliteStore::application(const std::string& id) {
  return one<Application>(*db_, std::string("SELECT ") + kAppCols + " FROM applications WHERE id=?",
                          [&](Stmt& s) { s.bind(1, id); }, read_app);
}

Result<std::vector<Application>> SqliteStore::applications_of_resident(const std::string& resident_id) {
  return rows<Application>(*db_,
                           std::string("SELECT ") + kAppCols + " FROM applications WHERE resident_id=? ORDER BY submitted_at DESC, id",
                           [&](Stmt& s) { s.bind(1, resident_id); }, read_app);
}

Result<std::vector<Application>> SqliteStore::applications_by_status(const std::string& window,
                                                                     const std::vector<std::string>& statuses) {
  std::string sql = std::string("SELECT ") + kAppCols + " FROM applications WHERE status IN " + in_list(statuses.size());
  if (!window.empty()) sql += " AND window_id=?";
  sql += " ORDER BY submitted_at, id LIMIT 1000";
  return rows<Application>(*db_, sql, [&](Stmt& s) {
    int i = 1;
    for (const auto& st : statuses) s.bind(i++, st);
    if (!window.empty()) s.bind(i, window);
  }, read_app);
}

Result<std::vector<Task>> SqliteStore::tasks_of(const std::string& application_id) {
  return rows<Task>(*db_, std::string("SELECT ") + kTaskCols + " FROM tasks WHERE application_id=? ORDER BY stage, id",
                    [&](Stmt& s) { s.bind(1, application_id); }, read_task);
}

Result<std::optional<Task>> SqliteStore::task(const std::string& id) {
  return one<Task>(*db_, std::string("SELECT ") + kTaskCols + " FROM tasks WHERE id=?", [&](Stmt& s) { s.bind(1, id); },
                   read_task);
}

Result<std::vector<Task>> SqliteStore::tasks_by_department(const std::string& department,
                                                           const std::vector<std::string>& statuses) {
  std::string sql = std::string("SELECT ") + kTaskCols + " FROM tasks WHERE status IN " + in_list(statuses.size());
  if (!department.empty()) sql += " AND department=?";
  sql += " ORDER BY updated_at, id LIMIT 1000";
  return rows<Task>(*db_, sql, [&](Stmt& s) {
    int i = 1;
    for (const auto& st : statuses) s.bind(i++, st);
    if (!department.empty()) s.bind(i, department);
  }, read_task);
}

Result<std::vector<Event>> SqliteStore::events_of(const std::string& application_id) {
  return rows<Event>(*db_,
                     "SELECT seq, application_id, IFNULL(task_id,''), kind, actor_kind, actor_id, IFNULL(actor_name,''), at, data "
                     "FROM events WHERE application_id=? ORDER BY seq",
                     [&](Stmt& s) { s.bind(1, application_id); },
                     [](const Stmt& s) {
                       return Event{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                    s.text(5),    s.text(6), s.integer(7), s.text(8)};
                     });
}

Result<std::vector<Licence>> SqliteStore::licences_of(const std::string& resident_id) {
  return rows<Licence>(*db_, std::string("SELECT ") + kLicenceCols + " FROM licences WHERE resident_id=? ORDER BY issued_at, id",
                       [&](Stmt& s) { s.bind(1, resident_id); }, read_licence);
}

Result<std::vector<Licence>> SqliteStore::licences_of_application(const std::string& application_id) {
  return rows<Licence>(*db_, std::string("SELECT ") + kLicenceCols + " FROM licences WHERE application_id=? ORDER BY id",
                       [&](Stmt& s) { s.bind(1, application_id); }, read_licence);
}

Result<WriteOutcome> SqliteStore::apply(Change& ch) {
  bool conflict = false;
  auto e = db_->write([&](Connection& c) {
    const Application& a = ch.updated;
    Stmt u(c, "UPDATE applications SET status=?, body=?, accepted_at=?, supplement=?, refusal_reason=?, rating=?, "
              "updated_at=?, stage=? WHERE id=? AND status=?");
    u.bind(1, a.status).bind(2, a.body);
    if (a.accepted_at) u.bind(3, a.accepted_at); else u.bind_null(3);
    u.bind_opt(4, a.supplement).bind_opt(5, a.refusal_reason).bind_opt(6, a.rating).bind(7, a.updated_at);
    u.bind(8, a.stage).bind(9, ch.application_id).bind(10, ch.expected_status);
    if (u.run()) return false;
    if (c.changes() != 1) {
      conflict = true;
      return false;
    }
    for (const auto& [expected, t] : ch.task_updates) {
      Stmt q(c, "SELECT status FROM tasks WHERE id=?");
      q.bind(1, t.id);
      if (!q.step() || q.text(0) != expected) {
        conflict = true;
        return false;
      }
      if (!upsert_task(c, t, false)) return false;
    }
    for (const auto& t : ch.new_tasks)
      if (!upsert_task(c, t, true)) return false;
    if (ch.derive_status) {
      Stmt q(c, "SELECT status FROM tasks WHERE application_id=? AND stage=?");
      q.bind(1, ch.application_id).bind(2, a.stage);
      std::vector<std::string> statuses;
      while (q.step()) statuses.push_back(q.text(0));
      if (q.error()) return false;
      const std::string derived = ch.derive_status(statuses);
      if (derived != a.status) {
        Stmt s(c, "UPDATE applications SET status=? WHERE id=?");
        s.bind(1, derived).bind(2, ch.application_id);
        if (s.run()) return false;
        ch.updated.status = derived;
        ch.events.push_back(Event{0, ch.application_id, "", derived, "system", "workflow", "", a.updated_at, "{}"});
      }
    }
    for (const auto& l : ch.new_licences) {
      Stmt s(c, "INSERT INTO licences (id, resident_id, type, name, number, item_id, application_id, issued_at) "
                "VALUES (?,?,?,?,?,?,?,?)");
      s.bind(1, l.id).bind(2, l.resident_id).bind(3, l.type).bind(4, l.name).bind(5, l.number).bind(6, l.item_id);
      s.bind(7, l.application_id).bind(8, l.issued_at);
      if (s.run()) return false;
    }
    for (const auto& ev : ch.events)
      if (!insert_event(c, ev)) return false;
    return true;
  });
  if (conflict) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

}  // namespace yilu::server
