#include "storage/migrations.hpp"

#include <string>

namespace yilu::server::db {

namespace {

// Append only: a released step is never edited (databases in the field already ran it).
const char* const kSteps[] = {
    // 1: residents, sessions, staff, uploads, applications, tasks, events, licences, idempotency.
    R"sql(
CREATE TABLE residents (
  id TEXT PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,
  name TEXT,
  id_number TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE staff (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk','reviewer','supervisor','admin')),
  window_id TEXT,
  department TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('resident','staff')),
  subject_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX sessions_subject ON sessions(subject_kind, subject_id);
CREATE TABLE uploads (
  resident_id TEXT NOT NULL REFERENCES residents(id),
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (resident_id, sha256)
);
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  kind TEXT NOT NULL CHECK (kind IN ('item','bundle')),
  target_id TEXT NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0,
  window_id TEXT NOT NULL,
  items TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  accepted_at INTEGER,
  supplement TEXT,
  refusal_reason TEXT,
  rating TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX applications_resident ON applications(resident_id, submitted_at);
CREATE INDEX applications_window ON applications(window_id, status);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  item_id TEXT NOT NULL,
  department TEXT NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  pauses TEXT NOT NULL DEFAULT '[]',
  extensions TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tasks_department ON tasks(department, status);
CREATE INDEX tasks_application ON tasks(application_id);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id TEXT NOT NULL REFERENCES applications(id),
  task_id TEXT,
  kind TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT,
  at INTEGER NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_application ON events(application_id, seq);
-- The event log is the audit trail: it can only grow.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE licences (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  number TEXT NOT NULL,
  item_id TEXT NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications(id),
  issued_at INTEGER NOT NULL
);
CREATE INDEX licences_resident ON licences(resident_id);
CREATE TABLE idempotency (
  resident_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (resident_id, key)
);
)sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0])); }

std::optional<Error> apply_migrations(Connection& c) {
  int current = 0;
  {
    Stmt q(c, "PRAGMA user_version");
    if (!q.step()) return q.error() ? *q.error() : storage_error("cannot read user_version");
    current = static_cast<int>(q.integer(0));
  }
  if (current > latest_schema_version())
    return storage_error("database schema " + std::to_string(current) + " is newer than this program");
  for (int v = current; v < latest_schema_version(); ++v) {
    if (auto e = c.exec("BEGIN IMMEDIATE")) return e;
    std::optional<Error> e = c.exec(kSteps[v]);
    if (!e) e = c.exec("PRAGMA user_version=" + std::to_string(v + 1));
    if (e) {
      c.exec("ROLLBACK");
      return e;
    }
    if (auto ce = c.exec("COMMIT")) return ce;
  }
  return std::nullopt;
}

}  // namespace yilu::server::db
