#include "storage/sql_store.hpp"

#include "storage/cursor.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <unordered_map>

namespace yilu::server {

using db::Connection;
using db::Stmt;
using workflow::AppStatus;
using workflow::TaskStatus;

namespace {

// --- rows and columns ----------------------------------------------------------------------

const char* const kAppCols =
    "id, resident_id, kind, target_id, stage, window_id, status, form, verdict, submitted_at, "
    "COALESCE(resubmitted_at,0), COALESCE(accepted_at,0), supplement_note, COALESCE(supplement_at,0), "
    "COALESCE(refusal_reason,''), rating_score, COALESCE(rating_comment,''), COALESCE(rating_at,0), updated_at, "
    "channel, "
    "COALESCE(assisted_by,''), COALESCE(assisted_by_name,''), COALESCE(proxy_relation,''), COALESCE(principal_id,''), "
    "instant, catalog_version";
// The 24 columns after id, in the order bind_app_columns binds them (insert and update share it).
const char* const kAppInsert =
    "INSERT INTO applications (id, resident_id, kind, target_id, stage, window_id, status, form, verdict, "
    "submitted_at, resubmitted_at, accepted_at, supplement_note, supplement_at, refusal_reason, rating_score, "
    "rating_comment, rating_at, updated_at, channel, assisted_by, assisted_by_name, proxy_relation, principal_id, "
    "instant, catalog_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
const char* const kAppUpdate =
    "UPDATE applications SET resident_id=?, kind=?, target_id=?, stage=?, window_id=?, status=?, form=?, verdict=?, "
    "submitted_at=?, resubmitted_at=?, accepted_at=?, supplement_note=?, supplement_at=?, refusal_reason=?, "
    "rating_score=?, rating_comment=?, rating_at=?, updated_at=?, channel=?, assisted_by=?, assisted_by_name=?, "
    "proxy_relation=?, principal_id=?, instant=? WHERE id=? AND status=?";
// Bind positions of kAppUpdate's WHERE (after the 24 columns).
constexpr int kAppUpdateId = 25;
constexpr int kAppUpdateStatus = 26;
const char* const kTaskCols =
    "id, application_id, item_id, department, stage, started_at, status, COALESCE(note,''), updated_at, kind";
const char* const kStaffCols =
    "username, display_name, role, COALESCE(window_id,''), COALESCE(department,''), password_hash, disabled";
const char* const kLicenceCols =
    "id, resident_id, type, name, number, item_id, application_id, issued_at, COALESCE(revoked_at,0), "
    "COALESCE(revoked_reason,'')";
const char* const kNotificationCols =
    "id, resident_id, COALESCE(application_id,''), kind, title, body, sms, created_at, COALESCE(read_at,0), "
    "COALESCE(dedupe,'')";
const char* const kUploadCols = "resident_id, sha256, kind, content_type, size, name, created_at";
const char* const kResidentCols = "id, phone, COALESCE(name,''), COALESCE(id_number,''), created_at";

// Readers return nullopt for a row they cannot read: a status or role name outside the
// vocabulary, which the CHECK constraints rule out unless the file was edited by hand.
std::optional<Application> read_app(const Stmt& s) {
  const auto status = workflow::parse_app_status(s.text(6));
  if (!status) return std::nullopt;
  Application a;
  a.id = s.text(0);
  a.resident_id = s.text(1);
  a.kind = s.text(2);
  a.target_id = s.text(3);
  a.stage = s.integer(4);
  a.window = s.text(5);
  a.status = *status;
  a.form = s.text(7);
  a.verdict = s.text(8);
  a.submitted_at = s.integer(9);
  a.resubmitted_at = s.integer(10);
  a.accepted_at = s.integer(11);
  if (!s.is_null(12)) a.supplement = SupplementNotice{s.text(12), {}, s.integer(13)};
  a.refusal_reason = s.text(14);
  if (!s.is_null(15)) a.rating = Rating{s.integer(15), s.text(16), s.integer(17)};
  a.updated_at = s.integer(18);
  a.channel = s.text(19);
  a.assisted_by = s.text(20);
  a.assisted_by_name = s.text(21);
  a.proxy_relation = s.text(22);
  a.principal_id = s.text(23);
  a.instant = s.integer(24) != 0;
  a.catalog_version = s.integer(25);
  return a;
}

std::optional<Task> read_task(const Stmt& s) {
  const auto status = workflow::parse_task_status(s.text(6));
  const auto kind = workflow::parse_task_kind(s.text(9));
  if (!status || !kind) return std::nullopt;
  Task t;
  t.id = s.text(0);
  t.kind = *kind;
  t.application_id = s.text(1);
  t.item_id = s.text(2);
  t.department = s.text(3);
  t.stage = s.integer(4);
  t.started_at = s.integer(5);
  t.status = *status;
  t.note = s.text(7);
  t.updated_at = s.integer(8);
  return t;
}

std::optional<StaffAccount> read_staff(const Stmt& s) {
  const auto role = workflow::parse_role(s.text(2));
  if (!role) return std::nullopt;
  return StaffAccount{s.text(0), s.text(1), *role, s.text(3), s.text(4), s.text(5), s.integer(6) != 0};
}

std::optional<Licence> read_licence(const Stmt& s) {
  return Licence{s.text(0), s.text(1), s.text(2),    s.text(3),    s.text(4),
                 s.text(5), s.text(6), s.integer(7), s.integer(8), s.text(9)};
}

std::optional<Notification> read_notification(const Stmt& s) {
  return Notification{s.integer(0), s.text(1), s.text(2),    s.text(3),    s.text(4),
                      s.text(5),    s.text(6), s.integer(7), s.integer(8), s.text(9)};
}

std::optional<Upload> read_upload(const Stmt& s) {
  return Upload{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.text(5), s.integer(6)};
}

std::optional<Resident> read_resident(const Stmt& s) {
  return Resident{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)};
}

std::optional<Event> read_event(const Stmt& s) {
  return Event{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.integer(7), s.text(8)};
}

std::optional<IdempotentResponse> read_idempotent(const Stmt& s) {
  return IdempotentResponse{s.text(0), static_cast<int>(s.integer(1)), s.text(2)};
}

// --- queries -------------------------------------------------------------------------------

using Binder = std::function<void(Stmt&)>;

// Every row of a statement, or the error (a row the reader rejects is a storage error).
template <class T, class Read>
Result<std::vector<T>> query(Connection& c, const std::string& sql, const Binder& bind, Read read) {
  Stmt s(c, sql);
  bind(s);
  std::vector<T> out;
  while (s.step()) {
    std::optional<T> row = read(s);
    if (!row) return db::storage_error("unreadable row from: " + sql);
    out.push_back(std::move(*row));
  }
  if (s.error()) return *s.error();
  return out;
}

// Runs `fn` in a read transaction, so that rows and their child rows, read by several
// statements, come from one snapshot even when the writer commits in between.
// (Prepared statements, not exec: they are cached like every other statement.)
template <class Fn>
auto in_snapshot(Connection& c, Fn&& fn) -> decltype(fn(c)) {
  {
    Stmt begin(c, c.begin_snapshot_sql());
    if (auto e = begin.run()) return *e;
  }
  auto r = fn(c);
  Stmt commit(c, "COMMIT");
  if (commit.run()) {
    // A reader connection goes back to the pool: it must never keep an old snapshot open.
    Stmt rollback(c, "ROLLBACK");
    rollback.run();
  }
  return r;
}

template <class T, class Read>
Result<std::vector<T>> rows(db::Database& d, const std::string& sql, const Binder& bind, Read read) {
  return d.read([&](Connection& c) { return query<T>(c, sql, bind, read); });
}

template <class T>
Result<std::optional<T>> first_of(Result<std::vector<T>> r) {
  if (!r.ok()) return r.error();
  if (r.value().empty()) return std::optional<T>{};
  return std::optional<T>{std::move(r.value().front())};
}

template <class T, class Read>
Result<std::optional<T>> one(db::Database& d, const std::string& sql, const Binder& bind, Read read) {
  return first_of(rows<T>(d, sql, bind, read));
}

// The statuses as an SQL list of literals. They are the vocabulary's fixed names, never people's
// input; inlined, the planner sees that a list of open statuses lies within the condition of the
// partial indexes of open rows (migrations), which a bound list hides from it — and without
// them a queue page walked every finished application of its window to find the open ones.
template <class Status>
std::string status_list(const std::vector<Status>& statuses) {
  std::string s = "(";
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (i) s += ",";
    s += "'";
    s += workflow::name(statuses[i]);
    s += "'";
  }
  return s + ")";
}

// `n` placeholders "?,?,…", rounded up to a power of two (the caller binds the last value again
// in the extra places): a few statement shapes to prepare and cache, not one per list length.
std::size_t padded_count(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p *= 2;
  return p;
}
std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

// Runs a child-row statement and hands each row to `add`; the error, or nullopt.
template <class Add>
std::optional<Error> each_row(Connection& c, const std::string& sql, const Binder& bind, Add add) {
  Stmt s(c, sql);
  bind(s);
  while (s.step()) add(s);
  return s.error();
}

// --- pages ---------------------------------------------------------------------------------
// A list is ordered by (a time column, id); a page's cursor is the last row's "<time>:<id>",
// and the next page is the rows after it in that order (keyset paging: a row added or removed
// meanwhile never shifts the others between pages).

// The SQL condition "after the cursor" for an order by (`col`, id), ascending or descending.
std::string after_clause(const char* col, bool descending) {
  const std::string c(col);
  return descending ? " AND (" + c + " < ? OR (" + c + " = ? AND id > ?))"
                    : " AND (" + c + " > ? OR (" + c + " = ? AND id > ?))";
}

std::int64_t page_limit(const PageRequest& p) { return std::clamp<std::int64_t>(p.limit, 1, 500); }

// COUNT(*) of a filter, in the caller's snapshot.
Result<std::int64_t> count_rows(Connection& c, const std::string& sql, const Binder& bind) {
  auto n = query<std::int64_t>(c, sql, bind, [](const Stmt& s) { return std::optional<std::int64_t>(s.integer(0)); });
  if (!n.ok()) return n.error();
  if (n.value().empty()) return db::storage_error("COUNT returned no row");
  return n.value().front();
}

// A page of records whose list is `filter` (a WHERE clause without the cursor) bound by
// `bind_filter` with `n` parameters, ordered by (`col`, id). `load` reads the rows a scope
// selects; `time_of` gives a row's `col` value for the next cursor.
template <class T, class Load, class TimeOf>
Result<Page<T>> load_page(Connection& c, const char* table, const std::string& filter, const Binder& bind_filter, int n,
                          const char* col, bool descending, const PageRequest& page, Load load, TimeOf time_of) {
  auto cursor = parse_cursor(page.after);
  if (!cursor.ok()) return cursor.error();
  const std::int64_t limit = page_limit(page);
  std::string scope = std::string("SELECT id FROM ") + table + " WHERE " + filter;
  if (cursor.value()) scope += after_clause(col, descending);
  scope += std::string(" ORDER BY ") + col + (descending ? " DESC" : "") + ", id LIMIT ?";
  const Binder bind = [&](Stmt& s) {
    bind_filter(s);
    int i = n + 1;
    if (const auto& k = cursor.value()) {
      s.bind(i, k->time).bind(i + 1, k->time).bind(i + 2, k->id);
      i += 3;
    }
    s.bind(i, limit + 1);  // one more than asked: whether a next page exists
  };
  const std::string order = std::string(col) + (descending ? " DESC" : "") + ", id";
  // The page's ids first, then its rows and child rows by those ids: the page query (a walk of
  // an index, a LIMIT) runs once, not once per child table.
  std::vector<std::string> ids;
  {
    Stmt q(c, scope);
    bind(q);
    while (q.step()) ids.push_back(q.text(0));
    if (q.error()) return *q.error();
  }
  Result<std::vector<T>> rows_read = std::vector<T>{};
  if (!ids.empty()) {
    const std::size_t slots = padded_count(ids.size());
    rows_read = load(c, placeholders(slots), order.c_str(), [&](Stmt& s) {
      for (std::size_t i = 0; i < slots; ++i) s.bind(static_cast<int>(i) + 1, ids[std::min(i, ids.size() - 1)]);
    });
  }
  if (!rows_read.ok()) return rows_read.error();
  auto total = count_rows(c, std::string("SELECT COUNT(*) FROM ") + table + " WHERE " + filter, bind_filter);
  if (!total.ok()) return total.error();
  Page<T> out;
  out.rows = std::move(rows_read.value());
  out.total = total.value();
  if (static_cast<std::int64_t>(out.rows.size()) > limit) {
    out.rows.resize(static_cast<std::size_t>(limit));
    out.next = cursor_text(time_of(out.rows.back()), out.rows.back().id);
  }
  return out;
}

// The applications whose ids `scope` selects ("SELECT id FROM applications WHERE …", with
// its own order and limit; `bind` binds its parameters), ordered by `order`, with their
// child rows: one statement per child table for the whole list. Call inside in_snapshot.
Result<std::vector<Application>> load_applications(Connection& c, const std::string& scope, const char* order,
                                                   const Binder& bind) {
  auto apps = query<Application>(
      c, std::string("SELECT ") + kAppCols + " FROM applications WHERE id IN (" + scope + ") ORDER BY " + order, bind,
      read_app);
  if (!apps.ok() || apps.value().empty()) return apps;
  std::unordered_map<std::string, Application*> by_id;
  for (auto& a : apps.value()) by_id.emplace(a.id, &a);
  const auto find = [&](const Stmt& s) -> Application* {
    const auto it = by_id.find(s.text(0));
    return it == by_id.end() ? nullptr : it->second;
  };
  const std::string of_scope = " WHERE application_id IN (" + scope + ")";
  std::optional<Error> e = each_row(
      c, "SELECT application_id, item_id FROM application_items" + of_scope + " ORDER BY application_id, position",
      bind, [&](const Stmt& s) {
        if (Application* a = find(s)) a->items.push_back(s.text(1));
      });
  if (!e)
    e = each_row(
        c,
        "SELECT application_id, material_id, name, stage, required, state, COALESCE(licence,''), "
        "COALESCE(supplied_at,0), COALESCE(supplied_by,''), COALESCE(signer,''), COALESCE(signed_at,0) "
        "FROM application_materials" +
            of_scope + " ORDER BY application_id, position",
        bind, [&](const Stmt& s) {
          if (Application* a = find(s))
            a->materials.push_back(MaterialRecord{s.text(1), s.text(2), s.integer(3), s.integer(4) != 0, s.text(5),
                                                  s.text(6), s.integer(7), s.text(8), s.text(9), s.integer(10)});
        });
  if (!e)
    e = each_row(c,
                 "SELECT application_id, material_id, idx, sha256, type, bytes FROM application_files" + of_scope +
                     " ORDER BY application_id, material_id, idx",
                 bind, [&](const Stmt& s) {
                   if (Application* a = find(s))
                     a->files.push_back(ApplicationFile{s.text(1), s.integer(2), s.text(3), s.text(4), s.integer(5)});
                 });
  if (!e)
    e = each_row(
        c,
        "SELECT application_id, material_id FROM supplement_missing" + of_scope + " ORDER BY application_id, position",
        bind, [&](const Stmt& s) {
          Application* a = find(s);
          if (a && a->supplement) a->supplement->missing.push_back(s.text(1));
        });
  if (e) return *e;
  return apps;
}

// The tasks whose ids `scope` selects, with their pauses and extensions (as above).
Result<std::vector<Task>> load_tasks(Connection& c, const std::string& scope, const char* order, const Binder& bind) {
  auto tasks =
      query<Task>(c, std::string("SELECT ") + kTaskCols + " FROM tasks WHERE id IN (" + scope + ") ORDER BY " + order,
                  bind, read_task);
  if (!tasks.ok() || tasks.value().empty()) return tasks;
  std::unordered_map<std::string, Task*> by_id;
  for (auto& t : tasks.value()) by_id.emplace(t.id, &t);
  const auto find = [&](const Stmt& s) -> Task* {
    const auto it = by_id.find(s.text(0));
    return it == by_id.end() ? nullptr : it->second;
  };
  const std::string of_scope = " WHERE task_id IN (" + scope + ")";
  std::optional<Error> e = each_row(
      c, "SELECT task_id, started_at, ended_at, reason FROM task_pauses" + of_scope + " ORDER BY task_id, position",
      bind, [&](const Stmt& s) {
        if (Task* t = find(s))
          t->pauses.push_back(PauseRecord{
              s.integer(1), s.is_null(2) ? std::nullopt : std::optional<Timestamp>(s.integer(2)), s.text(3)});
      });
  if (!e)
    e = each_row(c, "SELECT task_id, days, reason, at FROM task_extensions" + of_scope + " ORDER BY task_id, position",
                 bind, [&](const Stmt& s) {
                   if (Task* t = find(s))
                     t->extensions.push_back(ExtensionRecord{s.integer(1), s.text(2), s.integer(3)});
                 });
  if (!e)
    e = each_row(c,
                 "SELECT task_id, id, application_id, department, at, actor_kind, actor_id, actor_name, level, note "
                 "FROM task_reminders" +
                     of_scope + " ORDER BY task_id, id",
                 bind, [&](const Stmt& s) {
                   if (Task* t = find(s))
                     t->reminders.push_back(ReminderRecord{s.integer(1), s.text(0), s.text(2), s.text(3), s.integer(4),
                                                           s.text(5), s.text(6), s.text(7), s.text(8), s.text(9)});
                 });
  if (e) return *e;
  return tasks;
}

// --- writes (inside a write job; false rolls the job back) ----------------------------------

// A timestamp column where 0 means "not yet": stored as NULL.
void bind_time(Stmt& s, int i, Timestamp t) {
  if (t) s.bind(i, t);
  else s.bind_null(i);
}

// The 24 application columns after id, from `i` on (kAppInsert and kAppUpdate share the order).
void bind_app_columns(Stmt& s, int i, const Application& a) {
  s.bind(i, a.resident_id).bind(i + 1, a.kind).bind(i + 2, a.target_id).bind(i + 3, a.stage).bind(i + 4, a.window);
  s.bind(i + 5, workflow::name(a.status)).bind(i + 6, a.form).bind(i + 7, a.verdict).bind(i + 8, a.submitted_at);
  bind_time(s, i + 9, a.resubmitted_at);
  bind_time(s, i + 10, a.accepted_at);
  // A notice or a rating is there or not as a whole: its text columns are bound even when
  // empty, so presence never depends on the note or comment having content.
  if (a.supplement) s.bind(i + 11, a.supplement->note).bind(i + 12, a.supplement->at);
  else s.bind_null(i + 11).bind_null(i + 12);
  s.bind_opt(i + 13, a.refusal_reason);
  if (a.rating) s.bind(i + 14, a.rating->score).bind(i + 15, a.rating->comment).bind(i + 16, a.rating->at);
  else s.bind_null(i + 14).bind_null(i + 15).bind_null(i + 16);
  s.bind(i + 17, a.updated_at).bind(i + 18, a.channel).bind_opt(i + 19, a.assisted_by);
  s.bind_opt(i + 20, a.assisted_by_name).bind_opt(i + 21, a.proxy_relation).bind_opt(i + 22, a.principal_id);
  s.bind(i + 23, std::int64_t{a.instant ? 1 : 0});
}

bool run(Stmt& s) { return !s.run(); }

bool delete_children(Connection& c, const char* table, const char* key, const std::string& id) {
  Stmt d(c, std::string("DELETE FROM ") + table + " WHERE " + key + "=?");
  d.bind(1, id);
  return run(d);
}

// Writes the application's child rows from `a`; `replace`: deletes the stored ones first (a
// new application has none: no DELETE, which on PostgreSQL would also take predicate locks that
// make concurrent submissions collide).
bool write_app_children(Connection& c, const std::string& id, const Application& a, bool replace = true) {
  if (replace)
    for (const char* table : {"application_items", "application_materials", "application_files", "supplement_missing"})
      if (!delete_children(c, table, "application_id", id)) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    Stmt s(c, "INSERT INTO application_items (application_id, position, item_id) VALUES (?,?,?)");
    s.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, a.items[i]);
    if (!run(s)) return false;
  }
  for (std::size_t i = 0; i < a.materials.size(); ++i) {
    const MaterialRecord& m = a.materials[i];
    Stmt s(c,
           "INSERT INTO application_materials (application_id, material_id, position, name, stage, required, state, "
           "licence, supplied_at, supplied_by, signer, signed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, id).bind(2, m.material_id).bind(3, static_cast<std::int64_t>(i)).bind(4, m.name).bind(5, m.stage);
    s.bind(6, std::int64_t{m.required ? 1 : 0}).bind(7, m.state).bind_opt(8, m.licence);
    bind_time(s, 9, m.supplied_at);
    s.bind_opt(10, m.supplied_by).bind_opt(11, m.signer);
    bind_time(s, 12, m.signed_at);
    if (!run(s)) return false;
  }
  for (const ApplicationFile& f : a.files) {
    Stmt s(
        c,
        "INSERT INTO application_files (application_id, material_id, idx, sha256, type, bytes) VALUES (?,?,?,?,?,?)");
    s.bind(1, id).bind(2, f.material_id).bind(3, f.index).bind(4, f.sha256).bind(5, f.type).bind(6, f.bytes);
    if (!run(s)) return false;
  }
  if (a.supplement) {
    for (std::size_t i = 0; i < a.supplement->missing.size(); ++i) {
      Stmt s(c, "INSERT INTO supplement_missing (application_id, position, material_id) VALUES (?,?,?)");
      s.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, a.supplement->missing[i]);
      if (!run(s)) return false;
    }
  }
  return true;
}

bool insert_app(Connection& c, const Application& a) {
  Stmt s(c, kAppInsert);
  s.bind(1, a.id);
  bind_app_columns(s, 2, a);
  s.bind(26, a.catalog_version);  // set once: updates leave it
  return run(s) && write_app_children(c, a.id, a, false);
}

// Replaces the task's pauses and extensions with those of `t`.
bool write_task_children(Connection& c, const Task& t) {
  if (!delete_children(c, "task_pauses", "task_id", t.id) || !delete_children(c, "task_extensions", "task_id", t.id))
    return false;
  for (std::size_t i = 0; i < t.pauses.size(); ++i) {
    const PauseRecord& p = t.pauses[i];
    Stmt s(c, "INSERT INTO task_pauses (task_id, position, started_at, ended_at, reason) VALUES (?,?,?,?,?)");
    s.bind(1, t.id).bind(2, static_cast<std::int64_t>(i)).bind(3, p.start).bind(5, p.reason);
    if (p.end) s.bind(4, *p.end);
    else s.bind_null(4);
    if (!run(s)) return false;
  }
  for (std::size_t i = 0; i < t.extensions.size(); ++i) {
    const ExtensionRecord& x = t.extensions[i];
    Stmt s(c, "INSERT INTO task_extensions (task_id, position, days, reason, at) VALUES (?,?,?,?,?)");
    s.bind(1, t.id).bind(2, static_cast<std::int64_t>(i)).bind(3, x.days).bind(4, x.reason).bind(5, x.at);
    if (!run(s)) return false;
  }
  return true;
}

bool insert_task(Connection& c, const Task& t) {
  Stmt s(c,
         "INSERT INTO tasks (id, application_id, item_id, department, stage, started_at, status, note, updated_at, "
         "kind) VALUES (?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, t.id).bind(2, t.application_id).bind(3, t.item_id).bind(4, t.department).bind(5, t.stage);
  s.bind(6, t.started_at).bind(7, workflow::name(t.status)).bind_opt(8, t.note).bind(9, t.updated_at);
  s.bind(10, workflow::name(t.kind));
  return run(s) && write_task_children(c, t);
}

// Writes the task whole if it is still a task of `application_id` in status `expected`;
// `conflict` is set when it is not.
bool update_task(Connection& c, const std::string& application_id, TaskStatus expected, const Task& t, bool& conflict) {
  Stmt s(c,
         "UPDATE tasks SET item_id=?, department=?, stage=?, started_at=?, status=?, note=?, updated_at=?, kind=? "
         "WHERE id=? AND application_id=? AND status=?");
  s.bind(1, t.item_id).bind(2, t.department).bind(3, t.stage).bind(4, t.started_at).bind(5, workflow::name(t.status));
  s.bind_opt(6, t.note).bind(7, t.updated_at).bind(8, workflow::name(t.kind)).bind(9, t.id).bind(10, application_id);
  s.bind(11, workflow::name(expected));
  if (!run(s)) return false;
  if (c.changes() != 1) {
    conflict = true;
    return false;
  }
  return write_task_children(c, t);
}

bool insert_event(Connection& c, const Event& e) {
  Stmt s(c,
         "INSERT INTO events (application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data) "
         "VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, e.application_id).bind_opt(2, e.task_id).bind(3, e.kind).bind(4, e.actor_kind).bind(5, e.actor_id);
  s.bind_opt(6, e.actor_name).bind(7, e.at).bind(8, e.data);
  return run(s);
}

bool insert_licence(Connection& c, const Licence& l) {
  Stmt s(c,
         "INSERT INTO licences (id, resident_id, type, name, number, item_id, application_id, issued_at, revoked_at, "
         "revoked_reason) VALUES (?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, l.id).bind(2, l.resident_id).bind(3, l.type).bind(4, l.name).bind(5, l.number).bind(6, l.item_id);
  s.bind(7, l.application_id).bind(8, l.issued_at);
  bind_time(s, 9, l.revoked_at);
  s.bind_opt(10, l.revoked_reason);
  return run(s);
}

bool insert_task_result(Connection& c, const TaskResult& r) {
  Stmt s(c,
         "INSERT INTO task_results (task_id, application_id, item_id, department, window_id, approved, started_at, "
         "decided_at, decided_on, due_on, limit_days, extension_days, paused_workdays, workdays_taken, on_time) "
         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.task_id).bind(2, r.application_id).bind(3, r.item_id).bind(4, r.department).bind(5, r.window_id);
  s.bind(6, std::int64_t{r.approved}).bind(7, r.started_at).bind(8, r.decided_at);
  s.bind(9, std::int64_t{r.decided_on}).bind(10, std::int64_t{r.due_on}).bind(11, r.limit_days);
  s.bind(12, r.extension_days).bind(13, r.paused_workdays).bind(14, r.workdays_taken);
  s.bind(15, std::int64_t{r.on_time});
  return run(s);
}

bool insert_application_result(Connection& c, const ApplicationResult& r) {
  Stmt s(c,
         "INSERT INTO application_results (application_id, kind, target_id, window_id, issued_at, issued_on, "
         "total_workdays, intake_workdays, correction_workdays, review_workdays, paused_workdays, "
         "issue_wait_workdays, taken_workdays, promised_days, separate_days, materials_given, materials_promised, "
         "materials_separate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.application_id).bind(2, r.kind).bind(3, r.target_id).bind(4, r.window_id).bind(5, r.issued_at);
  s.bind(6, std::int64_t{r.issued_on}).bind(7, r.total_workdays).bind(8, r.intake_workdays);
  s.bind(9, r.correction_workdays).bind(10, r.review_workdays).bind(11, r.paused_workdays);
  s.bind(12, r.issue_wait_workdays).bind(13, r.taken_workdays).bind(14, r.promised_days);
  s.bind(15, r.separate_days).bind(16, r.materials_given).bind(17, r.materials_promised);
  s.bind(18, r.materials_separate);
  return run(s);
}

bool insert_deferral_result(Connection& c, const DeferralResult& r) {
  Stmt s(c,
         "INSERT INTO deferral_results (application_id, material_id, window_id, supplied_at, supplied_on, due_on, "
         "on_time, supplied_by) VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, r.application_id).bind(2, r.material_id).bind(3, r.window_id).bind(4, r.supplied_at);
  s.bind(5, std::int64_t{r.supplied_on}).bind(6, std::int64_t{r.due_on}).bind(7, std::int64_t{r.on_time});
  s.bind(8, r.supplied_by);
  return run(s);
}

bool insert_rating_fact(Connection& c, const RatingFact& f) {
  Stmt s(c,
         "INSERT INTO rating_facts (application_id, dimension, key, score, good, bad, rated_on, rated_month) "
         "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING");
  s.bind(1, f.application_id).bind(2, f.dimension).bind(3, f.key).bind(4, f.score);
  s.bind(5, std::int64_t{f.good}).bind(6, std::int64_t{f.bad});
  s.bind(7, std::int64_t{f.rated_on}).bind(8, std::int64_t{f.rated_month});
  return run(s);
}

bool insert_follow_up(Connection& c, const RatingFollowUp& f) {
  Stmt s(c,
         "INSERT INTO rating_follow_ups (application_id, window_id, score, comment, opened_at) VALUES (?,?,?,?,?) "
         "ON CONFLICT DO NOTHING");
  s.bind(1, f.application_id).bind(2, f.window_id).bind(3, f.score).bind(4, f.comment).bind(5, f.opened_at);
  return run(s);
}

// Writes the licence whole if it exists; `conflict` is set when it does not.
bool update_licence(Connection& c, const Licence& l, bool& conflict) {
  Stmt s(c,
         "UPDATE licences SET resident_id=?, type=?, name=?, number=?, item_id=?, application_id=?, issued_at=?, "
         "revoked_at=?, revoked_reason=? WHERE id=?");
  s.bind(1, l.resident_id).bind(2, l.type).bind(3, l.name).bind(4, l.number).bind(5, l.item_id);
  s.bind(6, l.application_id).bind(7, l.issued_at);
  bind_time(s, 8, l.revoked_at);
  s.bind_opt(9, l.revoked_reason).bind(10, l.id);
  if (!run(s)) return false;
  if (c.changes() != 1) {
    conflict = true;
    return false;
  }
  return true;
}

// Records a deferred material as supplied, if it is still owed, and appends its files after
// the material's existing ones; `conflict` is set when it is not owed (already supplied, or
// no such material). Only this row and these files are touched, so a concurrent step on the
// application that does not replace its child rows keeps them.
bool supply_material(Connection& c, const std::string& application_id, const MaterialSupply& m, bool& conflict) {
  Stmt u(c,
         "UPDATE application_materials SET supplied_at=?, supplied_by=? "
         "WHERE application_id=? AND material_id=? AND supplied_at IS NULL");
  u.bind(1, m.supplied_at).bind_opt(2, m.supplied_by).bind(3, application_id).bind(4, m.material_id);
  if (!run(u)) return false;
  if (c.changes() != 1) {
    conflict = true;
    return false;
  }
  std::int64_t next = 0;
  {
    Stmt q(c, "SELECT COALESCE(MAX(idx)+1, 0) FROM application_files WHERE application_id=? AND material_id=?");
    q.bind(1, application_id).bind(2, m.material_id);
    if (!q.step()) return false;
    next = q.integer(0);
  }
  for (const ApplicationFile& f : m.files) {
    Stmt s(
        c,
        "INSERT INTO application_files (application_id, material_id, idx, sha256, type, bytes) VALUES (?,?,?,?,?,?)");
    s.bind(1, application_id).bind(2, m.material_id).bind(3, next++).bind(4, f.sha256).bind(5, f.type);
    s.bind(6, f.bytes);
    if (!run(s)) return false;
  }
  return true;
}

// Inserts the notification and writes its id back. With a `dedupe` already stored nothing is
// written and `duplicate` is set (the reminder was stored before).
bool insert_notification(Connection& c, Notification& n, bool& duplicate) {
  Stmt s(c,
         "INSERT INTO notifications (resident_id, application_id, kind, title, body, sms, created_at, read_at, dedupe) "
         "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (dedupe) DO NOTHING RETURNING id");
  s.bind(1, n.resident_id).bind_opt(2, n.application_id).bind(3, n.kind).bind(4, n.title).bind(5, n.body);
  s.bind(6, n.sms).bind(7, n.created_at);
  bind_time(s, 8, n.read_at);
  s.bind_opt(9, n.dedupe);
  if (s.step()) {
    n.id = s.integer(0);
    return !s.run();  // to the end of the statement (SQLite finishes the insert there)
  }
  if (s.error()) return false;
  duplicate = true;
  return true;
}

// The statuses of the application's review tasks in `stage`, for derive_status (a 核查 task
// after issue never moves the application's status); false on an error or a name outside the
// vocabulary.
bool stage_task_statuses(Connection& c, const std::string& application_id, std::int64_t stage,
                         std::vector<TaskStatus>& out) {
  Stmt q(c, "SELECT status FROM tasks WHERE application_id=? AND stage=? AND kind='review'");
  q.bind(1, application_id).bind(2, stage);
  while (q.step()) {
    const auto st = workflow::parse_task_status(q.text(0));
    if (!st) return false;
    out.push_back(*st);
  }
  return !q.error();
}

// A new resident's id: random, not a secret (the phone is what identifies a resident).
std::string new_resident_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char out[18];
  std::snprintf(out, sizeof out, "R%016llx", static_cast<unsigned long long>(rng()));
  return out;
}

}  // namespace

Result<Resident> SqlStore::resident_by_phone(const std::string& phone, Timestamp now) {
  const std::string find_sql = std::string("SELECT ") + kResidentCols + " FROM residents WHERE phone=?";
  const Binder by_phone = [&](Stmt& s) { s.bind(1, phone); };
  auto found = one<Resident>(*db_, find_sql, by_phone, read_resident);
  if (!found.ok()) return found.error();
  if (found.value()) return *found.value();
  const std::string id = new_resident_id();
  auto e = db_->write([&](Connection& c) {
    Stmt s(c, "INSERT INTO residents (id, phone, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO NOTHING");
    s.bind(1, id).bind(2, phone).bind(3, now);
    return run(s);
  });
  if (e) return *e;
  found = one<Resident>(*db_, find_sql, by_phone, read_resident);
  if (!found.ok()) return found.error();
  if (!found.value()) return db::storage_error("resident vanished");
  return *found.value();
}

Result<std::optional<Resident>> SqlStore::resident(const std::string& id) {
  return one<Resident>(
      *db_, std::string("SELECT ") + kResidentCols + " FROM residents WHERE id=?", [&](Stmt& s) { s.bind(1, id); },
      read_resident);
}

std::optional<Error> SqlStore::set_profile(const std::string& id, const std::string& name,
                                           const std::string& id_number) {
  return db_->write([&](Connection& c) {
    Stmt s(c, "UPDATE residents SET name=?, id_number=? WHERE id=?");
    s.bind(1, name).bind(2, id_number).bind(3, id);
    return run(s);
  });
}

std::optional<Error> SqlStore::put_session(const std::string& token_hash, const Session& ses, Timestamp now) {
  return db_->write([&](Connection& c) {
    // Expired and idle sessions are swept here, on the write path, instead of by a timer thread.
    Stmt sweep(c,
               "DELETE FROM sessions WHERE expires_at < ? OR "
               "(idle_seconds > 0 AND COALESCE(last_seen, created_at) + idle_seconds < ?)");
    sweep.bind(1, now).bind(2, now);
    if (!run(sweep)) return false;
    Stmt s(c,
           "INSERT INTO sessions (token_hash, subject_kind, subject_id, expires_at, created_at, last_seen, "
           "idle_seconds) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, token_hash).bind(2, ses.subject_kind).bind(3, ses.subject_id).bind(4, ses.expires_at).bind(5, now);
    s.bind(6, now).bind(7, ses.idle_seconds);
    return run(s);
  });
}

namespace {

// How stale last_seen may get before a request writes it again: an idle limit is enforced to
// the minute, and a busy session costs one write a minute, not one per request.
constexpr std::int64_t kSeenResolution = 60;

}  // namespace

Result<std::optional<Session>> SqlStore::session(const std::string& token_hash, Timestamp now) {
  auto found = one<Session>(
      *db_,
      "SELECT subject_kind, subject_id, expires_at, idle_seconds, COALESCE(last_seen, created_at) FROM sessions "
      "WHERE token_hash=? AND expires_at>=? AND (idle_seconds = 0 OR COALESCE(last_seen, created_at) + idle_seconds >= "
      "?)",
      [&](Stmt& s) { s.bind(1, token_hash).bind(2, now).bind(3, now); },
      [](const Stmt& s) {
        return std::optional<Session>(Session{s.text(0), s.text(1), s.integer(2), s.integer(3), s.integer(4)});
      });
  if (!found.ok() || !found.value()) return found;
  Session& ses = *found.value();
  if (ses.idle_seconds > 0 && now - ses.last_seen >= kSeenResolution) {
    // Failing to record the visit (disk full) must not sign anyone out: the read stands.
    const auto e = db_->write([&](Connection& c) {
      Stmt s(c, "UPDATE sessions SET last_seen=? WHERE token_hash=? AND COALESCE(last_seen, created_at) < ?");
      s.bind(1, now).bind(2, token_hash).bind(3, now);
      return run(s);
    });
    if (!e) ses.last_seen = now;
  }
  return found;
}

std::optional<Error> SqlStore::delete_session(const std::string& token_hash) {
  return db_->write([&](Connection& c) {
    Stmt s(c, "DELETE FROM sessions WHERE token_hash=?");
    s.bind(1, token_hash);
    return run(s);
  });
}

Result<WriteOutcome> SqlStore::create_staff(const StaffAccount& a, Timestamp now) {
  bool taken = false;
  auto e = db_->write([&](Connection& c) {
    Stmt q(c, "SELECT 1 FROM staff WHERE username=?");
    q.bind(1, a.username);
    if (q.step()) {
      taken = true;
      return false;
    }
    Stmt s(
        c,
        "INSERT INTO staff (username, display_name, role, window_id, department, password_hash, disabled, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, a.username).bind(2, a.display_name).bind(3, workflow::name(a.role)).bind_opt(4, a.window);
    s.bind_opt(5, a.department).bind(6, a.password_hash).bind(7, std::int64_t{a.disabled ? 1 : 0}).bind(8, now);
    return run(s);
  });
  if (taken) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<std::optional<StaffAccount>> SqlStore::staff(const std::string& username) {
  return one<StaffAccount>(
      *db_, std::string("SELECT ") + kStaffCols + " FROM staff WHERE username=?", [&](Stmt& s) { s.bind(1, username); },
      read_staff);
}

Result<std::vector<StaffAccount>> SqlStore::list_staff() {
  return rows<StaffAccount>(
      *db_, std::string("SELECT ") + kStaffCols + " FROM staff ORDER BY username", [](Stmt&) {}, read_staff);
}

Result<WriteOutcome> SqlStore::disable_staff(const std::string& username) {
  WriteOutcome outcome = WriteOutcome::Done;
  auto e = db_->write([&](Connection& c) {
    // The last active admin stays: without one nobody could manage accounts over the API.
    Stmt last(c,
              "SELECT 1 FROM staff WHERE username=? AND role='admin' AND disabled=0 AND NOT EXISTS "
              "(SELECT 1 FROM staff WHERE role='admin' AND disabled=0 AND username<>?)");
    last.bind(1, username).bind(2, username);
    if (last.step()) {
      outcome = WriteOutcome::Refused;
      return false;
    }
    if (last.error()) return false;
    Stmt s(c, "UPDATE staff SET disabled=1 WHERE username=?");
    s.bind(1, username);
    if (!run(s)) return false;
    if (c.changes() == 0) {
      outcome = WriteOutcome::Conflict;
      return false;
    }
    Stmt d(c, "DELETE FROM sessions WHERE subject_kind='staff' AND subject_id=?");
    d.bind(1, username);
    return run(d);
  });
  if (outcome != WriteOutcome::Done) return outcome;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<WriteOutcome> SqlStore::set_staff_password(const std::string& username, const std::string& password_hash,
                                                  const std::string& keep_token_hash) {
  bool missing = false;
  auto e = db_->write([&](Connection& c) {
    Stmt s(c, "UPDATE staff SET password_hash=? WHERE username=?");
    s.bind(1, password_hash).bind(2, username);
    if (!run(s)) return false;
    if (c.changes() == 0) {
      missing = true;
      return false;
    }
    Stmt d(c, "DELETE FROM sessions WHERE subject_kind='staff' AND subject_id=? AND token_hash<>?");
    d.bind(1, username).bind(2, keep_token_hash);
    return run(d);
  });
  if (missing) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<WriteOutcome> SqlStore::put_upload(const Upload& u, const DailyQuota& quota) {
  bool over = false;
  auto e = db_->write([&](Connection& c) {
    if (quota.max_count > 0 || quota.max_bytes > 0) {
      Stmt again(c, "SELECT 1 FROM uploads WHERE resident_id=? AND sha256=?");
      again.bind(1, u.resident_id).bind(2, u.sha256);
      const bool known = again.step();
      if (again.error()) return false;
      if (!known) {
        Stmt used(c, "SELECT COUNT(*), COALESCE(SUM(size),0) FROM uploads WHERE resident_id=? AND created_at>=?");
        used.bind(1, u.resident_id).bind(2, quota.since);
        if (!used.step()) return false;
        over = (quota.max_count > 0 && used.integer(0) + 1 > quota.max_count) ||
               (quota.max_bytes > 0 && used.integer(1) + u.size > quota.max_bytes);
        if (over) return false;
      }
    }
    Stmt s(c,
           "INSERT INTO uploads (resident_id, sha256, kind, content_type, size, name, created_at) "
           "VALUES (?,?,?,?,?,?,?) ON CONFLICT (resident_id, sha256) DO UPDATE SET kind=excluded.kind, "
           "content_type=excluded.content_type, size=excluded.size, name=excluded.name, "
           "created_at=excluded.created_at");
    s.bind(1, u.resident_id).bind(2, u.sha256).bind(3, u.kind).bind(4, u.content_type).bind(5, u.size);
    s.bind(6, u.name).bind(7, u.created_at);
    return run(s);
  });
  if (over) return WriteOutcome::Refused;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<Usage> SqlStore::uploads_since(const std::string& resident_id, Timestamp since) {
  auto r = rows<Usage>(
      *db_, "SELECT COUNT(*), COALESCE(SUM(size),0) FROM uploads WHERE resident_id=? AND created_at>=?",
      [&](Stmt& s) { s.bind(1, resident_id).bind(2, since); },
      [](const Stmt& s) {
        return std::optional<Usage>(Usage{s.integer(0), s.integer(1)});
      });
  if (!r.ok()) return r.error();
  if (r.value().empty()) return db::storage_error("COUNT returned no row");
  return r.value().front();
}

Result<std::optional<Upload>> SqlStore::upload(const std::string& resident_id, const std::string& sha256) {
  return one<Upload>(
      *db_, std::string("SELECT ") + kUploadCols + " FROM uploads WHERE resident_id=? AND sha256=?",
      [&](Stmt& s) { s.bind(1, resident_id).bind(2, sha256); }, read_upload);
}

Result<std::optional<Upload>> SqlStore::any_upload(const std::string& sha256) {
  return one<Upload>(
      *db_, std::string("SELECT ") + kUploadCols + " FROM uploads WHERE sha256=? LIMIT 1",
      [&](Stmt& s) { s.bind(1, sha256); }, read_upload);
}

Result<std::optional<IdempotentResponse>> SqlStore::idempotent(const std::string& resident_id, const std::string& key) {
  return one<IdempotentResponse>(
      *db_, "SELECT request_hash, status, response FROM idempotency WHERE resident_id=? AND key=?",
      [&](Stmt& s) { s.bind(1, resident_id).bind(2, key); }, read_idempotent);
}

Result<WriteOutcome> SqlStore::create_application(const Application& a, const Event& first, const std::string& idem_key,
                                                  const IdempotentResponse& response,
                                                  std::optional<IdempotentResponse>* existing,
                                                  const DailyQuota& quota) {
  bool conflict = false;
  bool over = false;
  auto e = db_->write(
      [&](Connection& c) {
        if (!idem_key.empty()) {
          // Checked again inside the transaction: two retries racing past the read both land here,
          // and the writer serializes them.
          Stmt q(c, "SELECT request_hash, status, response FROM idempotency WHERE resident_id=? AND key=?");
          q.bind(1, a.resident_id).bind(2, idem_key);
          if (q.step()) {
            conflict = true;
            if (existing) *existing = read_idempotent(q);
            return false;
          }
        }
        if (quota.max_count > 0) {
          // One resident's submissions are counted one at a time: the resident's row is locked
          // until this transaction ends (READ COMMITTED would let parallel ones count alike).
          Stmt lock(c, std::string("SELECT id FROM residents WHERE id=?") + c.row_lock_sql());
          lock.bind(1, a.resident_id);
          if (lock.run()) return false;
          // After the key: a retry of an accepted submission is answered, not counted.
          Stmt used(c, "SELECT COUNT(*) FROM applications WHERE resident_id=? AND submitted_at>=?");
          used.bind(1, a.resident_id).bind(2, quota.since);
          if (!used.step()) return false;
          over = used.integer(0) >= quota.max_count;
          if (over) return false;
        }
        if (!insert_app(c, a) || !insert_event(c, first)) return false;
        if (!idem_key.empty()) {
          Stmt s(c,
                 "INSERT INTO idempotency (resident_id, key, request_hash, status, response, created_at) VALUES "
                 "(?,?,?,?,?,?)");
          s.bind(1, a.resident_id)
              .bind(2, idem_key)
              .bind(3, response.request_hash)
              .bind(4, std::int64_t{response.status});
          s.bind(5, response.response).bind(6, a.submitted_at);
          if (!run(s)) return false;
        }
        return true;
        // READ COMMITTED (docs/deploy.md): the guards are the idempotency key's primary key (two
        // racing requests: one insert fails, its job runs again and finds the key) and the
        // resident's row lock around the quota; serializable reads of the key index made
        // concurrent submissions of one resident collide and retry endlessly.
      },
      db::Isolation::ReadCommitted);
  if (conflict) return WriteOutcome::Conflict;
  if (over) return WriteOutcome::Refused;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<std::optional<Application>> SqlStore::application(const std::string& id) {
  return first_of(db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_applications(cc, "SELECT id FROM applications WHERE id=?", "id", [&](Stmt& s) { s.bind(1, id); });
    });
  }));
}

Result<std::vector<Application>> SqlStore::applications_of_resident(const std::string& resident_id) {
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_applications(cc, "SELECT id FROM applications WHERE resident_id=?", "submitted_at DESC, id",
                               [&](Stmt& s) { s.bind(1, resident_id); });
    });
  });
}

Result<std::vector<Application>> SqlStore::applications_by_status(const std::string& window,
                                                                  const std::vector<AppStatus>& statuses) {
  std::string scope = "SELECT id FROM applications WHERE status IN " + status_list(statuses);
  if (!window.empty()) scope += " AND window_id=?";
  scope += " ORDER BY submitted_at, id";
  const Binder bind = [&](Stmt& s) {
    if (!window.empty()) s.bind(1, window);
  };
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) { return load_applications(cc, scope, "submitted_at, id", bind); });
  });
}

Result<Page<Application>> SqlStore::applications_by_status_page(const std::string& window,
                                                                const std::vector<AppStatus>& statuses,
                                                                const PageRequest& page) {
  std::string filter = "status IN " + status_list(statuses);
  if (!window.empty()) filter += " AND window_id=?";
  const Binder bind = [&](Stmt& s) {
    if (!window.empty()) s.bind(1, window);
  };
  const int n = window.empty() ? 0 : 1;
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_page<Application>(cc, "applications", filter, bind, n, "submitted_at", false, page, load_applications,
                                    [](const Application& a) { return a.submitted_at; });
    });
  });
}

Result<Page<Application>> SqlStore::applications_of_resident_page(const std::string& resident_id,
                                                                  const PageRequest& page) {
  const Binder bind = [&](Stmt& s) { s.bind(1, resident_id); };
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_page<Application>(cc, "applications", "resident_id=?", bind, 1, "submitted_at", true, page,
                                    load_applications, [](const Application& a) { return a.submitted_at; });
    });
  });
}

namespace {

// The applications `scope` selects (an id list or a subquery, bound by `bind`), each with its
// tasks, oldest first; call inside in_snapshot.
Result<std::vector<ApplicationWithTasks>> load_with_tasks(Connection& cc, const std::string& scope,
                                                          const Binder& bind) {
  auto apps = load_applications(cc, scope, "submitted_at, id", bind);
  if (!apps.ok()) return apps.error();
  auto tasks =
      load_tasks(cc, "SELECT id FROM tasks WHERE application_id IN (" + scope + ")", "application_id, stage, id", bind);
  if (!tasks.ok()) return tasks.error();
  std::vector<ApplicationWithTasks> out;
  out.reserve(apps.value().size());
  std::unordered_map<std::string, std::size_t> at;
  for (auto& a : apps.value()) {
    at.emplace(a.id, out.size());
    out.push_back(ApplicationWithTasks{std::move(a), {}});
  }
  for (auto& t : tasks.value())
    if (const auto it = at.find(t.application_id); it != at.end()) out[it->second].tasks.push_back(std::move(t));
  return out;
}

}  // namespace

Result<std::vector<ApplicationWithTasks>> SqlStore::applications_with_tasks_by_id(const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<ApplicationWithTasks>{};
  const std::size_t slots = padded_count(ids.size());
  const Binder bind = [&](Stmt& s) {
    for (std::size_t i = 0; i < slots; ++i) s.bind(static_cast<int>(i) + 1, ids[std::min(i, ids.size() - 1)]);
  };
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) { return load_with_tasks(cc, placeholders(slots), bind); });
  });
}

Result<std::vector<ApplicationWithTasks>> SqlStore::applications_with_tasks(const std::string& window,
                                                                            const std::vector<AppStatus>& statuses) {
  std::string scope = "SELECT id FROM applications WHERE status IN " + status_list(statuses);
  if (!window.empty()) scope += " AND window_id=?";
  const Binder bind = [&](Stmt& s) {
    if (!window.empty()) s.bind(1, window);
  };
  return db_->read(
      [&](Connection& c) { return in_snapshot(c, [&](Connection& cc) { return load_with_tasks(cc, scope, bind); }); });
}

Result<std::vector<Task>> SqlStore::tasks_of(const std::string& application_id) {
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_tasks(cc, "SELECT id FROM tasks WHERE application_id=?", "stage, id",
                        [&](Stmt& s) { s.bind(1, application_id); });
    });
  });
}

Result<std::optional<Task>> SqlStore::task(const std::string& id) {
  return first_of(db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_tasks(cc, "SELECT id FROM tasks WHERE id=?", "id", [&](Stmt& s) { s.bind(1, id); });
    });
  }));
}

Result<std::vector<Task>> SqlStore::tasks_by_department(const std::string& department,
                                                        const std::vector<TaskStatus>& statuses) {
  std::string scope = "SELECT id FROM tasks WHERE status IN " + status_list(statuses);
  if (!department.empty()) scope += " AND department=?";
  scope += " ORDER BY updated_at, id";
  const Binder bind = [&](Stmt& s) {
    if (!department.empty()) s.bind(1, department);
  };
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) { return load_tasks(cc, scope, "updated_at, id", bind); });
  });
}

Result<Page<Task>> SqlStore::tasks_by_department_page(const std::string& department,
                                                      const std::vector<TaskStatus>& statuses,
                                                      const PageRequest& page) {
  std::string filter = "status IN " + status_list(statuses);
  if (!department.empty()) filter += " AND department=?";
  const Binder bind = [&](Stmt& s) {
    if (!department.empty()) s.bind(1, department);
  };
  const int n = department.empty() ? 0 : 1;
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) {
      return load_page<Task>(cc, "tasks", filter, bind, n, "updated_at", false, page, load_tasks,
                             [](const Task& t) { return t.updated_at; });
    });
  });
}

Result<std::vector<Event>> SqlStore::events_of(const std::string& application_id) {
  return rows<Event>(
      *db_,
      "SELECT seq, application_id, COALESCE(task_id,''), kind, actor_kind, actor_id, COALESCE(actor_name,''), at, data "
      "FROM events WHERE application_id=? ORDER BY seq",
      [&](Stmt& s) { s.bind(1, application_id); }, read_event);
}

Result<std::vector<Licence>> SqlStore::licences_of(const std::string& resident_id) {
  return rows<Licence>(
      *db_, std::string("SELECT ") + kLicenceCols + " FROM licences WHERE resident_id=? ORDER BY issued_at, id",
      [&](Stmt& s) { s.bind(1, resident_id); }, read_licence);
}

Result<std::vector<Licence>> SqlStore::licences_of_application(const std::string& application_id) {
  return rows<Licence>(
      *db_, std::string("SELECT ") + kLicenceCols + " FROM licences WHERE application_id=? ORDER BY id",
      [&](Stmt& s) { s.bind(1, application_id); }, read_licence);
}

Result<bool> SqlStore::application_has_file(const std::string& application_id, const std::string& sha256) {
  auto r = rows<bool>(
      *db_, "SELECT 1 FROM application_files WHERE application_id=? AND sha256=? LIMIT 1",
      [&](Stmt& s) { s.bind(1, application_id).bind(2, sha256); },
      [](const Stmt&) { return std::optional<bool>(true); });
  if (!r.ok()) return r.error();
  return !r.value().empty();
}

Result<WriteOutcome> SqlStore::apply(Change& ch) {
  bool conflict = false;
  // The job may run more than once (a shared database retries a transaction that lost a
  // race): each run starts from the step as asked.
  const AppStatus asked = ch.updated.status;
  const std::size_t asked_events = ch.events.size();
  auto e = db_->write([&](Connection& c) {
    conflict = false;
    ch.updated.status = asked;
    ch.events.resize(asked_events);
    // Only this step's messages: a Change applied again (a retried step) starts with none.
    ch.notifications.clear();
    const Application& a = ch.updated;
    Stmt u(c, kAppUpdate);
    bind_app_columns(u, 1, a);
    u.bind(kAppUpdateId, ch.application_id).bind(kAppUpdateStatus, workflow::name(ch.expected_status));
    if (!run(u)) return false;
    if (c.changes() != 1) {
      conflict = true;
      return false;
    }
    if (ch.replace_children && !write_app_children(c, ch.application_id, a)) return false;
    for (const auto& m : ch.supplies)
      if (!supply_material(c, ch.application_id, m, conflict)) return false;
    for (const auto& l : ch.licence_updates)
      if (!update_licence(c, l, conflict)) return false;
    for (const auto& [expected, t] : ch.task_updates)
      if (!update_task(c, ch.application_id, expected, t, conflict)) return false;
    for (const auto& t : ch.new_tasks)
      if (!insert_task(c, t)) return false;
    if (ch.derive_status) {
      std::vector<TaskStatus> statuses;
      if (!stage_task_statuses(c, ch.application_id, a.stage, statuses)) return false;
      const AppStatus derived = ch.derive_status(statuses);
      if (derived != a.status) {
        Stmt s(c, "UPDATE applications SET status=? WHERE id=?");
        s.bind(1, workflow::name(derived)).bind(2, ch.application_id);
        if (!run(s)) return false;
        ch.updated.status = derived;
        ch.events.push_back(
            Event{0, ch.application_id, "", workflow::name(derived), "system", "workflow", "", a.updated_at, "{}"});
      }
    }
    for (const auto& l : ch.new_licences)
      if (!insert_licence(c, l)) return false;
    for (const auto& r : ch.task_results)
      if (!insert_task_result(c, r)) return false;
    for (const auto& f : ch.rating_facts)
      if (!insert_rating_fact(c, f)) return false;
    if (ch.application_result && !insert_application_result(c, *ch.application_result)) return false;
    for (const auto& r : ch.deferral_results)
      if (!insert_deferral_result(c, r)) return false;
    if (ch.follow_up && !insert_follow_up(c, *ch.follow_up)) return false;
    for (const auto& ev : ch.events)
      if (!insert_event(c, ev)) return false;
    if (ch.notify) {
      // The events are final here (the derived one included), so the messages can say what
      // the step did; stored in the step's transaction, they exist exactly when it does.
      std::vector<Notification> out = ch.notify(ch);
      for (Notification& n : out) {
        bool duplicate = false;
        if (!insert_notification(c, n, duplicate)) return false;
        // A message whose `dedupe` is stored already was sent before: not again.
        if (!duplicate) ch.notifications.push_back(std::move(n));
      }
    }
    return true;
  });
  if (conflict || e) ch.notifications.clear();  // nothing was stored: nothing to send
  if (conflict) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

namespace {

// The days read from the daily counts and from the facts (migration 12), split at the last
// rolled day, read in the same statement as both: a roll-up between two statements cannot count
// a day twice. Each is one bound of an index range (a filter beside BETWEEN would walk the whole
// period's facts): the earlier of the period's last day (bound twice) and the last rolled day;
// the later of the period's first day (twice) and the day after it; as an instant for events.
constexpr const char* kRolledUpTo =
    "(SELECT CASE WHEN through_day < ? THEN through_day ELSE ? END FROM rollup_state WHERE name='supervision')";
constexpr const char* kFactsFrom =
    "(SELECT CASE WHEN through_day + 1 > ? THEN through_day + 1 ELSE ? END FROM rollup_state WHERE name='supervision')";
constexpr const char* kEventsFrom =
    "(SELECT CASE WHEN (through_day + 1) * 86400 - 28800 > ? THEN (through_day + 1) * 86400 - 28800 ELSE ? END FROM "
    "rollup_state WHERE name='supervision')";

// The stage figures' columns, in StageGroup's order: the facts' and the daily counts' names.
constexpr const char* kStageColumns =
    "total_workdays, intake_workdays, correction_workdays, review_workdays, paused_workdays, issue_wait_workdays, "
    "taken_workdays, promised_days, separate_days, materials_given, materials_promised, materials_separate";
constexpr const char* kStageSums =
    "SUM(total_workdays), SUM(intake_workdays), SUM(correction_workdays), SUM(review_workdays), "
    "SUM(paused_workdays), SUM(issue_wait_workdays), SUM(taken_workdays), SUM(promised_days), SUM(separate_days), "
    "SUM(materials_given), SUM(materials_promised), SUM(materials_separate)";

// The one-window steps counted as volumes: fixed vocabulary, written into the SQL as literals.
constexpr const char* kVolumeKinds = "('submitted','assisted_submitted','accepted','issued','refused','rejected')";

}  // namespace

Result<std::vector<ResultGroup>> SqlStore::result_groups(const ResultQuery& q, ResultBy by) {
  // The daily counts of rolled days and the decisions of later ones, both per key and working
  // days taken: a year is a few thousand rows, whatever the volume. The grouping column is one
  // of two fixed names, never people's input.
  const std::string key = by == ResultBy::Department ? "department" : "item_id";
  std::string filter;
  if (!q.department.empty()) filter += " AND department=?";
  if (!q.item_id.empty()) filter += " AND item_id=?";
  const std::string sql =
      "SELECT k, workdays_taken, SUM(decided), SUM(on_time), SUM(limit_days) FROM (SELECT " + key +
      " AS k, workdays_taken, decided, on_time, limit_days_sum AS limit_days FROM task_result_days WHERE decided_on "
      "BETWEEN ? AND " +
      kRolledUpTo + filter + " UNION ALL SELECT " + key +
      ", workdays_taken, 1, on_time, limit_days FROM task_results WHERE decided_on BETWEEN " + kFactsFrom + " AND ?" +
      filter + ") f GROUP BY k, workdays_taken ORDER BY k, workdays_taken";
  struct Bucket {
    std::string key;
    std::int64_t taken = 0, decided = 0, on_time = 0, limit_sum = 0;
  };
  auto buckets = rows<Bucket>(
      *db_, sql,
      [&](Stmt& s) {
        const std::int64_t from = q.from_day, to = q.to_day;
        int i = 1;
        s.bind(i++, from);  // the counts: from .. min(to, rolled)
        s.bind(i++, to);
        s.bind(i++, to);
        if (!q.department.empty()) s.bind(i++, q.department);
        if (!q.item_id.empty()) s.bind(i++, q.item_id);
        s.bind(i++, from);  // the facts: max(from, rolled + 1) .. to
        s.bind(i++, from);
        s.bind(i++, to);
        if (!q.department.empty()) s.bind(i++, q.department);
        if (!q.item_id.empty()) s.bind(i++, q.item_id);
      },
      [](const Stmt& s) {
        return std::optional<Bucket>(Bucket{s.text(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4)});
      });
  if (!buckets.ok()) return buckets.error();
  std::vector<ResultGroup> out;
  const auto& b = buckets.value();
  for (std::size_t i = 0; i < b.size();) {
    ResultGroup g;
    g.key = b[i].key;
    std::size_t end = i;
    for (; end < b.size() && b[end].key == g.key; ++end) {
      g.decided += b[end].decided;
      g.on_time += b[end].on_time;
      g.workdays_taken_sum += b[end].taken * b[end].decided;
      g.limit_days_sum += b[end].limit_sum;
    }
    // p90 by nearest rank: the smallest value whose position p (counted in ascending order)
    // has 10·p ≥ 9·n.
    std::int64_t seen = 0;
    for (std::size_t j = i; j < end; ++j) {
      seen += b[j].decided;
      if (seen * 10 >= g.decided * 9) {
        g.workdays_taken_p90 = b[j].taken;
        break;
      }
    }
    out.push_back(std::move(g));
    i = end;
  }
  return out;
}

Result<std::vector<StageGroup>> SqlStore::stage_groups(const StageQuery& q, StageBy by) {
  // The daily counts of rolled days and the issued applications of later ones, summed per
  // target or window. The grouping is one of two fixed names, never people's input.
  const std::string key = by == StageBy::Target ? "target_id" : "window_id";
  std::string filter;
  if (!q.window_id.empty()) filter += " AND window_id=?";
  if (!q.target_id.empty()) filter += " AND target_id=?";
  const std::string kind = by == StageBy::Target ? "kind" : "'window'";
  const std::string sql = "SELECT " + key + ", " + kind + ", SUM(issued), " + kStageSums + " FROM (SELECT " + key +
                          ", kind, issued, " + kStageColumns +
                          " FROM application_result_days WHERE issued_on BETWEEN ? AND " + kRolledUpTo + filter +
                          " UNION ALL SELECT " + key + ", kind, 1, " + kStageColumns +
                          " FROM application_results WHERE issued_on BETWEEN " + kFactsFrom + " AND ?" + filter +
                          ") f GROUP BY " + key + (by == StageBy::Target ? ", kind" : "") + " ORDER BY " + key;
  return rows<StageGroup>(
      *db_, sql,
      [&](Stmt& s) {
        const std::int64_t from = q.from_day, to = q.to_day;
        int i = 1;
        for (int part = 0; part < 2; ++part) {
          if (part == 0) {  // the counts: from .. min(to, rolled)
            s.bind(i++, from);
            s.bind(i++, to);
            s.bind(i++, to);
          } else {  // the facts: max(from, rolled + 1) .. to
            s.bind(i++, from);
            s.bind(i++, from);
            s.bind(i++, to);
          }
          if (!q.window_id.empty()) s.bind(i++, q.window_id);
          if (!q.target_id.empty()) s.bind(i++, q.target_id);
        }
      },
      [](const Stmt& s) {
        StageGroup g;
        g.key = s.text(0);
        g.kind = s.text(1);
        g.issued = s.integer(2);
        std::int64_t* sums[] = {&g.total,
                                &g.intake,
                                &g.correction,
                                &g.review,
                                &g.paused,
                                &g.issue_wait,
                                &g.taken,
                                &g.promised,
                                &g.separate,
                                &g.materials_given,
                                &g.materials_promised,
                                &g.materials_separate};
        int col = 3;
        for (std::int64_t* v : sums) *v = s.integer(col++);
        return std::optional<StageGroup>(std::move(g));
      });
}

Result<std::vector<ApplicationResult>> SqlStore::application_results_after(const StageQuery& q, std::int32_t after_day,
                                                                           const std::string& after_id,
                                                                           std::int64_t limit) {
  // Keyset order on (issued_on, application_id), the index's: each page is one index range,
  // however deep into the period it starts.
  std::string sql =
      std::string("SELECT application_id, kind, target_id, window_id, issued_at, issued_on, ") + kStageColumns +
      " FROM application_results WHERE (issued_on, application_id) > (?, ?) AND issued_on BETWEEN ? AND ?";
  if (!q.window_id.empty()) sql += " AND window_id=?";
  if (!q.target_id.empty()) sql += " AND target_id=?";
  sql += " ORDER BY issued_on, application_id LIMIT ?";
  return rows<ApplicationResult>(
      *db_, sql,
      [&](Stmt& s) {
        int i = 1;
        s.bind(i++, std::int64_t{after_day});
        s.bind(i++, after_id);
        s.bind(i++, std::int64_t{q.from_day});
        s.bind(i++, std::int64_t{q.to_day});
        if (!q.window_id.empty()) s.bind(i++, q.window_id);
        if (!q.target_id.empty()) s.bind(i++, q.target_id);
        s.bind(i++, limit);
      },
      [](const Stmt& s) {
        ApplicationResult r;
        r.application_id = s.text(0);
        r.kind = s.text(1);
        r.target_id = s.text(2);
        r.window_id = s.text(3);
        r.issued_at = s.integer(4);
        r.issued_on = static_cast<std::int32_t>(s.integer(5));
        std::int64_t* values[] = {&r.total_workdays,  &r.intake_workdays,    &r.correction_workdays,
                                  &r.review_workdays, &r.paused_workdays,    &r.issue_wait_workdays,
                                  &r.taken_workdays,  &r.promised_days,      &r.separate_days,
                                  &r.materials_given, &r.materials_promised, &r.materials_separate};
        int col = 6;
        for (std::int64_t* v : values) *v = s.integer(col++);
        return std::optional<ApplicationResult>(std::move(r));
      });
}

Result<std::vector<DeferralGroup>> SqlStore::deferral_groups(std::int32_t from_day, std::int32_t to_day) {
  // A year is a deferred material of a few applications in ten: one range of the day index.
  return rows<DeferralGroup>(
      *db_,
      "SELECT window_id, COUNT(*), SUM(on_time), SUM(CASE WHEN supplied_by='clerk' THEN 1 ELSE 0 END) FROM "
      "deferral_results WHERE supplied_on BETWEEN ? AND ? GROUP BY window_id ORDER BY window_id",
      [&](Stmt& s) { s.bind(1, std::int64_t{from_day}).bind(2, std::int64_t{to_day}); },
      [](const Stmt& s) {
        return std::optional<DeferralGroup>(DeferralGroup{s.text(0), s.integer(1), s.integer(2), s.integer(3)});
      });
}

Result<std::int32_t> SqlStore::roll_up_supervision(std::int32_t through_day, std::int32_t max_days) {
  std::int32_t rolled = 0;
  auto e = db_->write([&](Connection& c) {
    std::int64_t stored = 0;
    {
      Stmt s(c, "SELECT through_day FROM rollup_state WHERE name='supervision'");
      if (!s.step()) return false;
      stored = s.integer(0);
    }
    std::int64_t from = stored;
    if (from == 0) {
      // Nothing rolled yet: start the day before the first application (every fact comes
      // after one), not in 1970; with none at all there is nothing before `through_day`.
      Stmt first(c,
                 "SELECT MIN(d) FROM (SELECT MIN(at) AS d FROM events WHERE kind='submitted' UNION ALL SELECT "
                 "MIN(at) FROM events WHERE kind='assisted_submitted') f");
      if (!first.step()) return false;
      from = first.is_null(0) ? through_day : (first.integer(0) + 28800) / 86400 - 1;
      from = std::max<std::int64_t>(1, std::min<std::int64_t>(from, through_day));
    }
    rolled = static_cast<std::int32_t>(from);
    const std::int64_t to = std::max(from, std::min<std::int64_t>(through_day, from + std::max(1, max_days)));
    Stmt results(c,
                 "INSERT INTO task_result_days (decided_on, department, item_id, workdays_taken, decided, on_time, "
                 "limit_days_sum) SELECT decided_on, department, item_id, workdays_taken, COUNT(*), SUM(on_time), "
                 "SUM(limit_days) FROM task_results WHERE decided_on > ? AND decided_on <= ? GROUP BY decided_on, "
                 "department, item_id, workdays_taken");
    results.bind(1, from).bind(2, to);
    if (!run(results)) return false;
    Stmt ratings(c,
                 "INSERT INTO rating_days (dimension, rated_on, key, rated_month, rated, good, bad, score_sum) SELECT "
                 "dimension, rated_on, key, MIN(rated_month), COUNT(*), SUM(good), SUM(bad), SUM(score) FROM "
                 "rating_facts WHERE rated_on > ? AND rated_on <= ? GROUP BY dimension, rated_on, key");
    ratings.bind(1, from).bind(2, to);
    if (!run(ratings)) return false;
    Stmt volumes(c, std::string("INSERT INTO volume_days (day, window_id, kind, n) SELECT (e.at + 28800) / 86400, "
                                "a.window_id, e.kind, COUNT(*) FROM events e JOIN applications a ON a.id = "
                                "e.application_id WHERE e.kind IN ") +
                        kVolumeKinds +
                        " AND e.at >= ? AND e.at < ? GROUP BY (e.at + 28800) / 86400, a.window_id, e.kind");
    volumes.bind(1, (from + 1) * 86400 - 28800).bind(2, (to + 1) * 86400 - 28800);
    if (!run(volumes)) return false;
    Stmt stages(c, std::string("INSERT INTO application_result_days (issued_on, kind, target_id, window_id, issued, ") +
                       kStageColumns + ") SELECT issued_on, kind, target_id, window_id, COUNT(*), " + kStageSums +
                       " FROM application_results WHERE issued_on > ? AND issued_on <= ? GROUP BY issued_on, kind, "
                       "target_id, window_id");
    stages.bind(1, from).bind(2, to);
    if (!run(stages)) return false;
    Stmt state(c, "UPDATE rollup_state SET through_day=? WHERE name='supervision' AND through_day=?");
    state.bind(1, to).bind(2, stored);
    if (!run(state) || c.changes() != 1) return false;
    rolled = static_cast<std::int32_t>(to);
    return true;
  });
  if (e) return *e;
  return rolled;
}

std::optional<Error> SqlStore::reset_supervision_rollup() {
  return db_->write([](Connection& c) {
    return c.exec("DELETE FROM task_result_days") == std::nullopt &&
           c.exec("DELETE FROM rating_days") == std::nullopt && c.exec("DELETE FROM volume_days") == std::nullopt &&
           c.exec("DELETE FROM application_result_days") == std::nullopt &&
           c.exec("UPDATE rollup_state SET through_day=0 WHERE name='supervision'") == std::nullopt;
  });
}

Result<WriteOutcome> SqlStore::add_reminder(ReminderRecord& r, const Event& ev) {
  bool conflict = false;
  auto e = db_->write([&](Connection& c) {
    conflict = false;
    // Only on an open task; an automatic one once per level (UNIQUE (task_id, level): a
    // supervisor's have no level, and NULLs never collide).
    Stmt s(c,
           "INSERT INTO task_reminders (task_id, application_id, department, at, actor_kind, actor_id, actor_name, "
           "level, note) SELECT id, application_id, department, ?, ?, ?, ?, ?, ? FROM tasks WHERE id=? AND "
           "status IN ('reviewing','paused') ON CONFLICT DO NOTHING RETURNING id, application_id, department");
    s.bind(1, r.at).bind(2, r.actor_kind).bind(3, r.actor_id).bind_opt(4, r.actor_name).bind_opt(5, r.level);
    s.bind(6, r.note).bind(7, r.task_id);
    if (!s.step()) {
      if (s.error()) return false;
      conflict = true;
      return false;
    }
    r.id = s.integer(0);
    r.application_id = s.text(1);
    r.department = s.text(2);
    if (s.run()) return false;  // to the end of the statement (SQLite finishes the insert there)
    Event stored = ev;
    stored.application_id = r.application_id;
    stored.task_id = r.task_id;
    return insert_event(c, stored);
  });
  if (conflict) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<std::vector<ReminderGroup>> SqlStore::reminder_groups(Timestamp since, Timestamp until) {
  return rows<ReminderGroup>(
      *db_,
      "SELECT department, SUM(CASE WHEN actor_kind='staff' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN actor_kind='system' THEN 1 ELSE 0 END), COUNT(DISTINCT task_id) FROM task_reminders "
      "WHERE at >= ? AND at < ? GROUP BY department ORDER BY department",
      [&](Stmt& s) { s.bind(1, since).bind(2, until); },
      [](const Stmt& s) {
        return std::optional<ReminderGroup>(ReminderGroup{s.text(0), s.integer(1), s.integer(2), s.integer(3)});
      });
}

Result<std::vector<VolumeDay>> SqlStore::volume_days(std::int32_t from_day, std::int32_t to_day,
                                                     const std::string& window) {
  // The daily counts of rolled days and the events of later ones (through events_kind_at; the
  // window through applications). The day of an instant in China Standard Time is
  // (at + 8 h) / 1 day, in integer division on both databases.
  const std::string sql =
      std::string("SELECT day, kind, SUM(n) FROM (SELECT day, kind, n FROM volume_days WHERE day BETWEEN ? AND ") +
      kRolledUpTo + (window.empty() ? "" : " AND window_id=?") +
      " UNION ALL SELECT (e.at + 28800) / 86400, e.kind, 1 FROM events e" +
      (window.empty() ? "" : " JOIN applications a ON a.id = e.application_id AND a.window_id = ?") +
      " WHERE e.kind IN " + kVolumeKinds + " AND e.at >= " + kEventsFrom +
      " AND e.at < ?) f GROUP BY day, kind ORDER BY day, kind";
  return rows<VolumeDay>(
      *db_, sql,
      [&](Stmt& s) {
        const std::int64_t from = from_day, to = to_day;
        const std::int64_t from_at = from * 86400 - 28800;  // 00:00 China Standard Time
        int i = 1;
        s.bind(i++, from);  // the counts: from .. min(to, rolled)
        s.bind(i++, to);
        s.bind(i++, to);
        if (!window.empty()) s.bind(i++, window);
        if (!window.empty()) s.bind(i++, window);
        s.bind(i++, from_at);  // the events: from max(from, rolled + 1) ..
        s.bind(i++, from_at);
        s.bind(i++, (to + 1) * 86400 - 28800);
      },
      [](const Stmt& s) {
        return std::optional<VolumeDay>(VolumeDay{static_cast<std::int32_t>(s.integer(0)), s.text(1), s.integer(2)});
      });
}

Result<std::vector<RatingGroup>> SqlStore::rating_groups(const RatingQuery& q) {
  // The daily counts of rolled days and the facts of later ones. The grouping is one of two
  // fixed names, never people's input.
  const std::string group = q.by_month ? "rated_month" : "key";
  const std::string key_filter = q.key.empty() ? "" : " AND key=?";
  const std::string sql = "SELECT " + group +
                          ", SUM(rated), SUM(good), SUM(bad), SUM(score) FROM (SELECT key, rated_month, rated, good, "
                          "bad, score_sum AS score FROM rating_days WHERE dimension=? AND rated_on BETWEEN ? AND " +
                          kRolledUpTo + key_filter +
                          " UNION ALL SELECT key, rated_month, 1, good, bad, score FROM rating_facts WHERE dimension=? "
                          "AND rated_on BETWEEN " +
                          kFactsFrom + " AND ?" + key_filter + ") f GROUP BY " + group + " ORDER BY " + group;
  return rows<RatingGroup>(
      *db_, sql,
      [&](Stmt& s) {
        const std::int64_t from = q.from_day, to = q.to_day;
        int i = 1;
        s.bind(i++, q.dimension);  // the counts
        s.bind(i++, from);
        s.bind(i++, to);
        s.bind(i++, to);
        if (!q.key.empty()) s.bind(i++, q.key);
        s.bind(i++, q.dimension);  // the facts
        s.bind(i++, from);
        s.bind(i++, from);
        s.bind(i++, to);
        if (!q.key.empty()) s.bind(i++, q.key);
      },
      [&](const Stmt& s) {
        std::string key = s.text(0);
        if (q.by_month) {
          const std::int64_t m = s.integer(0);
          char buf[16];
          std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(m / 100), static_cast<int>(m % 100));
          key = buf;
        }
        return std::optional<RatingGroup>(RatingGroup{key, s.integer(1), s.integer(2), s.integer(3), s.integer(4)});
      });
}

namespace {

constexpr const char* kFollowUpCols =
    "application_id, window_id, score, comment, opened_at, answered_at, answered_by, answered_by_name, answer";

std::optional<RatingFollowUp> read_follow_up(const Stmt& s) {
  return RatingFollowUp{s.text(0), s.text(1), s.integer(2), s.text(3), s.integer(4), s.is_null(5) ? 0 : s.integer(5),
                        s.text(6), s.text(7), s.text(8)};
}

}  // namespace

Result<std::vector<RatingFollowUp>> SqlStore::follow_ups(bool open, const std::string& window, std::int64_t limit) {
  const std::string sql = std::string("SELECT ") + kFollowUpCols + " FROM rating_follow_ups WHERE " +
                          (window.empty() ? "" : "window_id=? AND ") +
                          (open ? "answered_at IS NULL ORDER BY opened_at, application_id"
                                : "answered_at IS NOT NULL ORDER BY answered_at DESC, application_id") +
                          " LIMIT ?";
  return rows<RatingFollowUp>(
      *db_, sql,
      [&](Stmt& s) {
        int i = 1;
        if (!window.empty()) s.bind(i++, window);
        s.bind(i, limit);
      },
      read_follow_up);
}

Result<std::optional<RatingFollowUp>> SqlStore::follow_up(const std::string& application_id) {
  return one<RatingFollowUp>(
      *db_, std::string("SELECT ") + kFollowUpCols + " FROM rating_follow_ups WHERE application_id=?",
      [&](Stmt& s) { s.bind(1, application_id); }, read_follow_up);
}

Result<WriteOutcome> SqlStore::answer_follow_up(const RatingFollowUp& answered) {
  bool conflict = false;
  auto e = db_->write([&](Connection& c) {
    Stmt s(c,
           "UPDATE rating_follow_ups SET answered_at=?, answered_by=?, answered_by_name=?, answer=? "
           "WHERE application_id=? AND answered_at IS NULL");
    s.bind(1, answered.answered_at)
        .bind(2, answered.answered_by)
        .bind_opt(3, answered.answered_by_name)
        .bind(4, answered.answer);
    s.bind(5, answered.application_id);
    if (!run(s)) return false;
    conflict = c.changes() != 1;
    return !conflict;
  });
  if (conflict) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<std::vector<Application>> SqlStore::applications_owing(const std::string& window) {
  std::string scope =
      "SELECT id FROM applications a WHERE status IN ('accepted','dispatched','ready_for_issue') AND EXISTS "
      "(SELECT 1 FROM application_materials m WHERE m.application_id=a.id AND m.state='deferred' AND "
      "m.supplied_at IS NULL)";
  if (!window.empty()) scope += " AND window_id=?";
  scope += " ORDER BY accepted_at, id";
  const Binder bind = [&](Stmt& s) {
    if (!window.empty()) s.bind(1, window);
  };
  return db_->read([&](Connection& c) {
    return in_snapshot(c, [&](Connection& cc) { return load_applications(cc, scope, "accepted_at, id", bind); });
  });
}

Result<std::vector<Notification>> SqlStore::notifications_of(const std::string& resident_id, std::int64_t limit) {
  return rows<Notification>(
      *db_,
      std::string("SELECT ") + kNotificationCols + " FROM notifications WHERE resident_id=? ORDER BY id DESC LIMIT ?",
      [&](Stmt& s) { s.bind(1, resident_id).bind(2, limit); }, read_notification);
}

Result<std::int64_t> SqlStore::unread_count(const std::string& resident_id) {
  auto r = rows<std::int64_t>(
      *db_, "SELECT COUNT(*) FROM notifications WHERE resident_id=? AND read_at IS NULL",
      [&](Stmt& s) { s.bind(1, resident_id); },
      [](const Stmt& s) { return std::optional<std::int64_t>(s.integer(0)); });
  if (!r.ok()) return r.error();
  if (r.value().empty()) return db::storage_error("COUNT returned no row");
  return r.value().front();
}

Result<WriteOutcome> SqlStore::mark_read(const std::string& resident_id, std::int64_t id, Timestamp now) {
  bool foreign = false;
  auto e = db_->write([&](Connection& c) {
    if (id != 0) {
      Stmt q(c, "SELECT 1 FROM notifications WHERE id=? AND resident_id=?");
      q.bind(1, id).bind(2, resident_id);
      if (!q.step()) {
        if (q.error()) return false;
        foreign = true;
        return false;
      }
    }
    // One already read keeps its first read time.
    Stmt s(c, id != 0 ? "UPDATE notifications SET read_at=? WHERE resident_id=? AND read_at IS NULL AND id=?"
                      : "UPDATE notifications SET read_at=? WHERE resident_id=? AND read_at IS NULL");
    s.bind(1, now).bind(2, resident_id);
    if (id != 0) s.bind(3, id);
    return run(s);
  });
  if (foreign) return WriteOutcome::Conflict;
  if (e) return *e;
  return WriteOutcome::Done;
}

Result<WriteOutcome> SqlStore::add_notification(Notification& n) {
  bool duplicate = false;
  auto e = db_->write([&](Connection& c) { return insert_notification(c, n, duplicate); });
  if (e) return *e;
  if (duplicate) return WriteOutcome::Conflict;
  return WriteOutcome::Done;
}

std::optional<Error> SqlStore::update_shared(const std::vector<std::string>& keys, Timestamp now,
                                             const std::function<void(std::vector<SharedEntry>&)>& update) {
  // Expired entries are swept now and then, in a transaction of their own: in one with the
  // update it would touch other servers' keys and make their transactions collide with it.
  thread_local std::minstd_rand sweep_dice{std::random_device{}()};
  if (sweep_dice() % 256 == 0) {
    db_->write([&](Connection& c) {
      Stmt d(c, "DELETE FROM shared_state WHERE expires_at <= ?");
      d.bind(1, now);
      return run(d);
    });
  }
  return db_->write([&](Connection& c) {
    std::vector<SharedEntry> entries;
    entries.reserve(keys.size());
    for (const std::string& key : keys) {
      SharedEntry e{key, "", 0};
      Stmt q(c, "SELECT value, expires_at FROM shared_state WHERE key=? AND expires_at > ?");
      q.bind(1, key).bind(2, now);
      if (q.step()) {
        e.value = q.text(0);
        e.expires_at = q.integer(1);
      } else if (q.error()) {
        return false;
      }
      entries.push_back(std::move(e));
    }
    update(entries);
    for (const SharedEntry& e : entries) {
      if (e.value.empty() || e.expires_at <= now) {
        Stmt d(c, "DELETE FROM shared_state WHERE key=?");
        d.bind(1, e.key);
        if (!run(d)) return false;
        continue;
      }
      Stmt w(c,
             "INSERT INTO shared_state (key, value, expires_at) VALUES (?,?,?) "
             "ON CONFLICT (key) DO UPDATE SET value=excluded.value, expires_at=excluded.expires_at");
      w.bind(1, e.key).bind(2, e.value).bind(3, e.expires_at);
      if (!run(w)) return false;
    }
    return true;
  });
}

std::optional<Error> SqlStore::append_audit(const AuditEntry& e) {
  return db_->write([&](Connection& c) {
    Stmt s(c, "INSERT INTO audit (at, kind, actor_kind, actor_id, subject, address, detail) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, e.at).bind(2, e.kind).bind(3, e.actor_kind).bind(4, e.actor_id).bind(5, e.subject);
    s.bind(6, e.address).bind(7, e.detail);
    return run(s);
  });
}

std::optional<Error> SqlStore::publish_calendar(CalendarVersion& v, const std::vector<DueChange>& changes) {
  return db_->write([&](Connection& c) {
    Stmt s(c,
           "INSERT INTO calendar_versions (text, last_year, published_at, published_by, summary) VALUES (?,?,?,?,?) "
           "RETURNING id");
    s.bind(1, v.text).bind(2, std::int64_t{v.last_year}).bind(3, v.published_at).bind(4, v.published_by);
    s.bind(5, v.summary);
    if (!s.step()) return false;
    v.id = s.integer(0);
    if (s.run()) return false;
    for (const auto& d : changes) {
      Stmt i(c,
             "INSERT INTO due_date_changes (calendar_id, application_id, before_on, before_provisional, after_on, "
             "after_provisional) VALUES (?,?,?,?,?,?)");
      i.bind(1, v.id).bind(2, d.application_id);
      if (d.before_on) i.bind(3, std::int64_t{*d.before_on});
      else i.bind_null(3);
      i.bind(4, std::int64_t{d.before_provisional});
      if (d.after_on) i.bind(5, std::int64_t{*d.after_on});
      else i.bind_null(5);
      i.bind(6, std::int64_t{d.after_provisional});
      if (!run(i)) return false;
    }
    return true;
  });
}

namespace {

CalendarVersion read_calendar_version(const Stmt& s) {
  return CalendarVersion{s.integer(0), s.text(1), static_cast<int>(s.integer(2)), s.integer(3), s.text(4), s.text(5)};
}

}  // namespace

Result<std::optional<CalendarVersion>> SqlStore::latest_calendar() {
  return one<CalendarVersion>(
      *db_,
      "SELECT id, text, last_year, published_at, published_by, summary FROM calendar_versions ORDER BY id DESC "
      "LIMIT 1",
      [](Stmt&) {}, [](const Stmt& s) { return std::optional<CalendarVersion>(read_calendar_version(s)); });
}

Result<std::int64_t> SqlStore::latest_calendar_id() {
  auto r = one<std::int64_t>(
      *db_, "SELECT COALESCE(MAX(id), 0) FROM calendar_versions", [](Stmt&) {},
      [](const Stmt& s) { return std::optional<std::int64_t>(s.integer(0)); });
  if (!r.ok()) return r.error();
  return r.value().value_or(0);
}

Result<std::vector<CalendarVersion>> SqlStore::calendar_versions(std::int64_t limit) {
  return rows<CalendarVersion>(
      *db_,
      "SELECT id, '', last_year, published_at, published_by, summary FROM calendar_versions ORDER BY id DESC "
      "LIMIT ?",
      [&](Stmt& s) { s.bind(1, limit); },
      [](const Stmt& s) { return std::optional<CalendarVersion>(read_calendar_version(s)); });
}

Result<std::vector<DueChange>> SqlStore::due_changes(std::int64_t calendar_id) {
  return rows<DueChange>(
      *db_,
      "SELECT application_id, before_on, before_provisional, after_on, after_provisional FROM due_date_changes "
      "WHERE calendar_id=? ORDER BY application_id",
      [&](Stmt& s) { s.bind(1, calendar_id); },
      [](const Stmt& s) {
        DueChange d;
        d.application_id = s.text(0);
        if (!s.is_null(1)) d.before_on = static_cast<std::int32_t>(s.integer(1));
        d.before_provisional = s.integer(2) != 0;
        if (!s.is_null(3)) d.after_on = static_cast<std::int32_t>(s.integer(3));
        d.after_provisional = s.integer(4) != 0;
        return std::optional<DueChange>(std::move(d));
      });
}

namespace {

constexpr const char* kCatalogVersionCols =
    "id, %TEXT%, version, fingerprint, items, published_at, published_by, summary FROM catalog_versions";

std::string catalog_version_sql(bool with_text, const std::string& rest) {
  std::string cols = kCatalogVersionCols;
  cols.replace(cols.find("%TEXT%"), 6, with_text ? "text" : "''");
  return "SELECT " + cols + " " + rest;
}

std::optional<CatalogVersion> read_catalog_version(const Stmt& s) {
  return CatalogVersion{s.integer(0), s.text(1),    s.text(2), s.text(3),
                        s.integer(4), s.integer(5), s.text(6), s.text(7)};
}

}  // namespace

std::optional<Error> SqlStore::put_catalog_version(CatalogVersion& v) {
  return db_->write([&](Connection& c) {
    Stmt s(c,
           "INSERT INTO catalog_versions (text, version, fingerprint, items, published_at, published_by, summary) "
           "VALUES (?,?,?,?,?,?,?) RETURNING id");
    s.bind(1, v.text).bind(2, v.version).bind(3, v.fingerprint).bind(4, v.items).bind(5, v.published_at);
    s.bind(6, v.published_by).bind(7, v.summary);
    if (!s.step()) return false;
    v.id = s.integer(0);
    return !s.run();
  });
}

Result<std::optional<CatalogVersion>> SqlStore::catalog_version(std::int64_t id) {
  return one<CatalogVersion>(
      *db_, catalog_version_sql(true, "WHERE id=?"), [&](Stmt& s) { s.bind(1, id); }, read_catalog_version);
}

Result<std::int64_t> SqlStore::latest_catalog_id() {
  auto r = one<std::int64_t>(
      *db_, "SELECT COALESCE(MAX(id), 0) FROM catalog_versions", [](Stmt&) {},
      [](const Stmt& s) { return std::optional<std::int64_t>(s.integer(0)); });
  if (!r.ok()) return r.error();
  return r.value().value_or(0);
}

Result<std::optional<CatalogVersion>> SqlStore::catalog_version_by_fingerprint(const std::string& fingerprint) {
  return one<CatalogVersion>(
      *db_, catalog_version_sql(false, "WHERE fingerprint=? ORDER BY id DESC LIMIT 1"),
      [&](Stmt& s) { s.bind(1, fingerprint); }, read_catalog_version);
}

Result<std::vector<CatalogVersion>> SqlStore::catalog_versions(std::int64_t limit) {
  return rows<CatalogVersion>(
      *db_, catalog_version_sql(false, "ORDER BY id DESC LIMIT ?"), [&](Stmt& s) { s.bind(1, limit); },
      read_catalog_version);
}

Result<Page<AuditEntry>> SqlStore::audit_page(const AuditQuery& q, const PageRequest& page) {
  // Newest first by seq; the cursor is the last seq shown ("<seq>:a", the page format).
  auto cursor = parse_cursor(page.after);
  if (!cursor.ok()) return cursor.error();
  const std::int64_t limit = page_limit(page);
  std::string filter = "1=1";
  if (!q.kind.empty()) filter += " AND kind=?";
  if (!q.actor_id.empty()) filter += " AND actor_id=?";
  if (!q.subject.empty()) filter += " AND (subject=? OR subject LIKE ? ESCAPE '\\')";
  if (q.since) filter += " AND at>=?";
  if (q.until) filter += " AND at<?";
  const auto bind_filter = [&](Stmt& s) {
    int i = 1;
    if (!q.kind.empty()) s.bind(i++, q.kind);
    if (!q.actor_id.empty()) s.bind(i++, q.actor_id);
    if (!q.subject.empty()) {
      // An application's files are "<application>/<sha256>": its id finds them too.
      std::string prefix;
      for (const char ch : q.subject) {
        if (ch == '%' || ch == '_' || ch == '\\') prefix.push_back('\\');
        prefix.push_back(ch);
      }
      s.bind(i, q.subject).bind(i + 1, prefix + "/%");
      i += 2;
    }
    if (q.since) s.bind(i++, q.since);
    if (q.until) s.bind(i++, q.until);
    return i;
  };
  return db_->read([&](Connection& c) -> Result<Page<AuditEntry>> {
    return in_snapshot(c, [&](Connection& cc) -> Result<Page<AuditEntry>> {
      std::string sql =
          "SELECT seq, at, kind, actor_kind, actor_id, subject, address, detail FROM audit WHERE " + filter;
      if (cursor.value()) sql += " AND seq < ?";
      sql += " ORDER BY seq DESC LIMIT ?";
      auto got = query<AuditEntry>(
          cc, sql,
          [&](Stmt& s) {
            int i = bind_filter(s);
            if (cursor.value()) s.bind(i++, cursor.value()->time);
            s.bind(i, limit + 1);
          },
          [](const Stmt& s) {
            return std::optional<AuditEntry>(AuditEntry{s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4),
                                                        s.text(5), s.text(6), s.text(7)});
          });
      if (!got.ok()) return got.error();
      auto total = count_rows(cc, "SELECT COUNT(*) FROM audit WHERE " + filter, [&](Stmt& s) { bind_filter(s); });
      if (!total.ok()) return total.error();
      Page<AuditEntry> out;
      out.rows = std::move(got.value());
      out.total = total.value();
      if (static_cast<std::int64_t>(out.rows.size()) > limit) {
        out.rows.resize(static_cast<std::size_t>(limit));
        out.next = cursor_text(out.rows.back().seq, "a");
      }
      return out;
    });
  });
}

Result<int> SqlStore::schema_version() { return db_->schema_version(); }

int SqlStore::expected_schema_version() const { return db_->expected_schema_version(); }

Result<Page<Notification>> SqlStore::notifications_page(const std::string& resident_id, const PageRequest& page) {
  // Newest first by id; the cursor is the last id shown ("<id>:n", the page format).
  auto cursor = parse_cursor(page.after);
  if (!cursor.ok()) return cursor.error();
  const std::int64_t limit = page_limit(page);
  return db_->read([&](Connection& c) -> Result<Page<Notification>> {
    return in_snapshot(c, [&](Connection& cc) -> Result<Page<Notification>> {
      std::string sql = std::string("SELECT ") + kNotificationCols + " FROM notifications WHERE resident_id=?";
      if (cursor.value()) sql += " AND id < ?";
      sql += " ORDER BY id DESC LIMIT ?";
      auto got = query<Notification>(
          cc, sql,
          [&](Stmt& s) {
            s.bind(1, resident_id);
            int i = 2;
            if (cursor.value()) s.bind(i++, cursor.value()->time);
            s.bind(i, limit + 1);
          },
          read_notification);
      if (!got.ok()) return got.error();
      auto total = count_rows(cc, "SELECT COUNT(*) FROM notifications WHERE resident_id=?",
                              [&](Stmt& s) { s.bind(1, resident_id); });
      if (!total.ok()) return total.error();
      Page<Notification> out;
      out.rows = std::move(got.value());
      out.total = total.value();
      if (static_cast<std::int64_t>(out.rows.size()) > limit) {
        out.rows.resize(static_cast<std::size_t>(limit));
        out.next = cursor_text(out.rows.back().id, "n");
      }
      return out;
    });
  });
}

}  // namespace yilu::server
