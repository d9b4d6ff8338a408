#include "storage/pg_migrations.hpp"

#include <string>

namespace yilu::server::db {

namespace {

// Append only: a released step is never edited (databases in the field already ran it).
// Step 1 is the SQLite store's schema at its version 6, in PostgreSQL's types: times are
// BIGINT seconds, sequence numbers identities, the append-only tables guarded by triggers.
const char* const kSteps[] = {
    R"sql(
CREATE TABLE residents (
  id TEXT PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,
  name TEXT,
  id_number TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE staff (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk','reviewer','supervisor','admin')),
  window_id TEXT,
  department TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('resident','staff')),
  subject_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT,
  idle_seconds BIGINT NOT NULL DEFAULT 0 CHECK (idle_seconds >= 0)
);
CREATE INDEX sessions_subject ON sessions(subject_kind, subject_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE uploads (
  resident_id TEXT NOT NULL REFERENCES residents(id),
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (resident_id, sha256)
);
CREATE INDEX uploads_resident_day ON uploads(resident_id, created_at);
CREATE INDEX uploads_sha256 ON uploads(sha256);
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  kind TEXT NOT NULL CHECK (kind IN ('item','bundle')),
  target_id TEXT NOT NULL,
  stage BIGINT NOT NULL DEFAULT 0 CHECK (stage >= 0),
  window_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted','supplement_requested','accepted','dispatched',
                                         'ready_for_issue','issued','refused','rejected','closed','withdrawn',
                                         'partially_issued','revoked')),
  form TEXT NOT NULL,
  verdict TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  resubmitted_at BIGINT,
  accepted_at BIGINT,
  supplement_note TEXT,
  supplement_at BIGINT,
  refusal_reason TEXT,
  rating_score BIGINT CHECK (rating_score BETWEEN 1 AND 5),
  rating_comment TEXT,
  rating_at BIGINT,
  updated_at BIGINT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online','window')),
  assisted_by TEXT,
  assisted_by_name TEXT,
  proxy_relation TEXT,
  principal_id TEXT,
  instant INTEGER NOT NULL DEFAULT 0 CHECK (instant IN (0,1)),
  CHECK ((supplement_note IS NULL) = (supplement_at IS NULL)),
  CHECK ((rating_score IS NULL) = (rating_at IS NULL) AND (rating_score IS NULL) = (rating_comment IS NULL))
);
CREATE INDEX applications_resident ON applications(resident_id, submitted_at);
CREATE INDEX applications_window ON applications(window_id, status);
CREATE INDEX applications_status ON applications(status, submitted_at);
CREATE INDEX applications_window_order ON applications(window_id, submitted_at, id);
CREATE TABLE application_items (
  application_id TEXT NOT NULL REFERENCES applications(id),
  position BIGINT NOT NULL CHECK (position >= 0),
  item_id TEXT NOT NULL,
  PRIMARY KEY (application_id, position)
);
CREATE TABLE application_materials (
  application_id TEXT NOT NULL REFERENCES applications(id),
  material_id TEXT NOT NULL,
  position BIGINT NOT NULL CHECK (position >= 0),
  name TEXT NOT NULL,
  stage BIGINT NOT NULL DEFAULT 0 CHECK (stage >= 0),
  required INTEGER NOT NULL CHECK (required IN (0,1)),
  state TEXT NOT NULL,
  licence TEXT,
  supplied_at BIGINT,
  supplied_by TEXT CHECK (supplied_by IN ('resident','clerk')),
  signer TEXT,
  signed_at BIGINT,
  PRIMARY KEY (application_id, material_id),
  UNIQUE (application_id, position)
);
CREATE TABLE application_files (
  application_id TEXT NOT NULL REFERENCES applications(id),
  material_id TEXT NOT NULL,
  idx BIGINT NOT NULL CHECK (idx >= 0),
  sha256 TEXT NOT NULL,
  type TEXT NOT NULL,
  bytes BIGINT NOT NULL CHECK (bytes >= 0),
  PRIMARY KEY (application_id, material_id, idx)
);
CREATE INDEX application_files_sha256 ON application_files(application_id, sha256);
CREATE TABLE supplement_missing (
  application_id TEXT NOT NULL REFERENCES applications(id),
  position BIGINT NOT NULL CHECK (position >= 0),
  material_id TEXT NOT NULL,
  PRIMARY KEY (application_id, position)
);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  item_id TEXT NOT NULL,
  department TEXT NOT NULL,
  stage BIGINT NOT NULL DEFAULT 0 CHECK (stage >= 0),
  started_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('reviewing','paused','approved','rejected')),
  note TEXT,
  updated_at BIGINT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'review' CHECK (kind IN ('review','check'))
);
CREATE INDEX tasks_department ON tasks(department, status);
CREATE INDEX tasks_application ON tasks(application_id);
CREATE INDEX tasks_department_order ON tasks(department, updated_at, id);
CREATE TABLE task_pauses (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  position BIGINT NOT NULL CHECK (position >= 0),
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  reason TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
);
CREATE TABLE task_extensions (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  position BIGINT NOT NULL CHECK (position >= 0),
  days BIGINT NOT NULL CHECK (days > 0),
  reason TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (task_id, position)
);
CREATE TABLE events (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  task_id TEXT,
  kind TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT,
  at BIGINT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_application ON events(application_id, seq);
CREATE TABLE licences (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  number TEXT NOT NULL,
  item_id TEXT NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications(id),
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoked_reason TEXT
);
CREATE INDEX licences_resident ON licences(resident_id);
CREATE INDEX licences_application ON licences(application_id);
CREATE TABLE idempotency (
  resident_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (resident_id, key)
);
CREATE TABLE notifications (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  application_id TEXT REFERENCES applications(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  sms TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  dedupe TEXT UNIQUE
);
CREATE INDEX notifications_resident ON notifications(resident_id, id);
CREATE INDEX notifications_unread ON notifications(resident_id) WHERE read_at IS NULL;
CREATE TABLE audit (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('staff_sign_in','staff_sign_in_failed','staff_sign_out',
    'staff_password_changed','application_read','file_read','account_created','account_disabled',
    'profile_changed')),
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff','resident','anonymous')),
  actor_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  address TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor_id, at);
CREATE INDEX audit_subject ON audit(subject, at);
CREATE TABLE shared_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX shared_state_expiry ON shared_state(expires_at);
-- The event log and the audit trail can only grow.
CREATE FUNCTION yilu_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION yilu_append_only();
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION yilu_append_only();
)sql",
    // 2: the open work in list order, indexed apart from the finished rows (SQLite step 7).
    R"sql(
CREATE INDEX applications_open_window_order ON applications(window_id, submitted_at, id)
  WHERE status IN ('submitted','supplement_requested','accepted','dispatched','ready_for_issue');
CREATE INDEX applications_open_order ON applications(submitted_at, id)
  WHERE status IN ('submitted','supplement_requested','accepted','dispatched','ready_for_issue');
CREATE INDEX tasks_open_department_order ON tasks(department, updated_at, id)
  WHERE status IN ('reviewing','paused');
)sql",
    // 3: each review decision's figures for supervision (SQLite step 8).
    R"sql(
CREATE TABLE task_results (
  task_id TEXT PRIMARY KEY REFERENCES tasks(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  item_id TEXT NOT NULL,
  department TEXT NOT NULL,
  window_id TEXT NOT NULL,
  approved INTEGER NOT NULL CHECK (approved IN (0,1)),
  started_at BIGINT NOT NULL,
  decided_at BIGINT NOT NULL,
  decided_on INTEGER NOT NULL,
  due_on INTEGER NOT NULL,
  limit_days INTEGER NOT NULL CHECK (limit_days >= 0),
  extension_days INTEGER NOT NULL CHECK (extension_days >= 0),
  paused_workdays INTEGER NOT NULL CHECK (paused_workdays >= 0),
  workdays_taken INTEGER NOT NULL,
  on_time INTEGER NOT NULL CHECK (on_time IN (0,1))
);
CREATE INDEX task_results_department_day ON task_results(department, decided_on);
CREATE INDEX task_results_item_day ON task_results(item_id, decided_on);
CREATE INDEX task_results_day ON task_results(decided_on);
)sql",
    // 4: 催办 on open reviews (SQLite step 9).
    R"sql(
CREATE TABLE task_reminders (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  department TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff','system')),
  actor_id TEXT NOT NULL,
  actor_name TEXT,
  level TEXT CHECK (level IN ('red','overdue')),
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (task_id, level)
);
CREATE INDEX task_reminders_department_at ON task_reminders(department, at);
CREATE INDEX task_reminders_at ON task_reminders(at);
)sql",
    // 5: 好差评 by heading and the follow-ups of bad ratings (SQLite step 10).
    R"sql(
CREATE TABLE rating_facts (
  application_id TEXT NOT NULL REFERENCES applications(id),
  dimension TEXT NOT NULL CHECK (dimension IN ('window','department','item','clerk','center')),
  key TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  good INTEGER NOT NULL CHECK (good IN (0,1)),
  bad INTEGER NOT NULL CHECK (bad IN (0,1)),
  rated_on INTEGER NOT NULL,
  rated_month INTEGER NOT NULL,
  PRIMARY KEY (application_id, dimension, key)
);
CREATE INDEX rating_facts_dimension_day ON rating_facts(dimension, rated_on, key);
CREATE TABLE rating_follow_ups (
  application_id TEXT PRIMARY KEY REFERENCES applications(id),
  window_id TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 2),
  comment TEXT NOT NULL DEFAULT '',
  opened_at BIGINT NOT NULL,
  answered_at BIGINT,
  answered_by TEXT,
  answered_by_name TEXT,
  answer TEXT,
  CHECK ((answered_at IS NULL) = (answer IS NULL))
);
CREATE INDEX rating_follow_ups_open ON rating_follow_ups(opened_at) WHERE answered_at IS NULL;
CREATE INDEX rating_follow_ups_answered ON rating_follow_ups(answered_at) WHERE answered_at IS NOT NULL;
)sql",
    // 6: the timeline by kind and time, for volumes (SQLite step 11).
    R"sql(
CREATE INDEX events_kind_at ON events(kind, at);
)sql",
    // 7: daily counts of the supervision figures (SQLite step 12).
    R"sql(
CREATE TABLE task_result_days (
  decided_on INTEGER NOT NULL,
  department TEXT NOT NULL,
  item_id TEXT NOT NULL,
  workdays_taken INTEGER NOT NULL,
  decided INTEGER NOT NULL CHECK (decided > 0),
  on_time INTEGER NOT NULL CHECK (on_time BETWEEN 0 AND decided),
  limit_days_sum INTEGER NOT NULL,
  PRIMARY KEY (decided_on, department, item_id, workdays_taken)
);
CREATE TABLE rating_days (
  dimension TEXT NOT NULL,
  rated_on INTEGER NOT NULL,
  key TEXT NOT NULL,
  rated_month INTEGER NOT NULL,
  rated INTEGER NOT NULL CHECK (rated > 0),
  good INTEGER NOT NULL,
  bad INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  PRIMARY KEY (dimension, rated_on, key)
);
CREATE TABLE volume_days (
  day INTEGER NOT NULL,
  window_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (day, window_id, kind)
);
CREATE TABLE rollup_state (
  name TEXT PRIMARY KEY,
  through_day INTEGER NOT NULL
);
INSERT INTO rollup_state (name, through_day) VALUES ('supervision', 0);
)sql",
    // 8: issued applications' stage figures and their daily counts (SQLite step 13).
    R"sql(
CREATE TABLE application_results (
  application_id TEXT PRIMARY KEY REFERENCES applications(id),
  kind TEXT NOT NULL CHECK (kind IN ('item','bundle')),
  target_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  issued_on INTEGER NOT NULL,
  total_workdays INTEGER NOT NULL CHECK (total_workdays >= 0),
  intake_workdays INTEGER NOT NULL CHECK (intake_workdays >= 0),
  correction_workdays INTEGER NOT NULL CHECK (correction_workdays >= 0),
  review_workdays INTEGER NOT NULL CHECK (review_workdays >= 0),
  paused_workdays INTEGER NOT NULL CHECK (paused_workdays >= 0),
  issue_wait_workdays INTEGER NOT NULL CHECK (issue_wait_workdays >= 0),
  taken_workdays INTEGER NOT NULL CHECK (taken_workdays >= 0),
  promised_days INTEGER NOT NULL CHECK (promised_days >= 0),
  separate_days INTEGER NOT NULL CHECK (separate_days >= 0),
  materials_given INTEGER NOT NULL CHECK (materials_given >= 0),
  materials_promised INTEGER NOT NULL CHECK (materials_promised >= 0),
  materials_separate INTEGER NOT NULL CHECK (materials_separate >= 0)
);
CREATE INDEX application_results_day ON application_results(issued_on, application_id);
CREATE INDEX application_results_window_day ON application_results(window_id, issued_on);
CREATE TABLE application_result_days (
  issued_on INTEGER NOT NULL,
  kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  issued INTEGER NOT NULL CHECK (issued > 0),
  total_workdays INTEGER NOT NULL CHECK (total_workdays >= 0),
  intake_workdays INTEGER NOT NULL CHECK (intake_workdays >= 0),
  correction_workdays INTEGER NOT NULL CHECK (correction_workdays >= 0),
  review_workdays INTEGER NOT NULL CHECK (review_workdays >= 0),
  paused_workdays INTEGER NOT NULL CHECK (paused_workdays >= 0),
  issue_wait_workdays INTEGER NOT NULL CHECK (issue_wait_workdays >= 0),
  taken_workdays INTEGER NOT NULL CHECK (taken_workdays >= 0),
  promised_days INTEGER NOT NULL CHECK (promised_days >= 0),
  separate_days INTEGER NOT NULL CHECK (separate_days >= 0),
  materials_given INTEGER NOT NULL CHECK (materials_given >= 0),
  materials_promised INTEGER NOT NULL CHECK (materials_promised >= 0),
  materials_separate INTEGER NOT NULL CHECK (materials_separate >= 0),
  PRIMARY KEY (issued_on, kind, target_id, window_id)
);
)sql",
    // 9: deferred materials as supplied (SQLite step 14).
    R"sql(
CREATE TABLE deferral_results (
  application_id TEXT NOT NULL REFERENCES applications(id),
  material_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  supplied_at BIGINT NOT NULL,
  supplied_on INTEGER NOT NULL,
  due_on INTEGER NOT NULL,
  on_time INTEGER NOT NULL CHECK (on_time IN (0,1)),
  supplied_by TEXT NOT NULL CHECK (supplied_by IN ('resident','clerk')),
  PRIMARY KEY (application_id, material_id)
);
CREATE INDEX deferral_results_day ON deferral_results(supplied_on, window_id);
)sql",
    // 10: published holiday calendars and the due dates each changed, and their audit kind
    // (SQLite step 15).
    R"sql(
ALTER TABLE audit DROP CONSTRAINT audit_kind_check;
ALTER TABLE audit ADD CONSTRAINT audit_kind_check CHECK (kind IN ('staff_sign_in','staff_sign_in_failed','staff_sign_out',
    'staff_password_changed','application_read','file_read','account_created','account_disabled',
    'profile_changed','calendar_published','catalog_published'));
CREATE TABLE calendar_versions (
  id BIGSERIAL PRIMARY KEY,
  text TEXT NOT NULL,
  last_year INTEGER NOT NULL,
  published_at BIGINT NOT NULL,
  published_by TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE due_date_changes (
  calendar_id BIGINT NOT NULL REFERENCES calendar_versions(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  before_on INTEGER,
  before_provisional INTEGER NOT NULL CHECK (before_provisional IN (0,1)),
  after_on INTEGER,
  after_provisional INTEGER NOT NULL CHECK (after_provisional IN (0,1)),
  PRIMARY KEY (calendar_id, application_id)
);
)sql",
    // 11: published catalog versions and the version of each application (SQLite step 16).
    R"sql(
CREATE TABLE catalog_versions (
  id BIGSERIAL PRIMARY KEY,
  text TEXT NOT NULL,
  version TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  items INTEGER NOT NULL,
  published_at BIGINT NOT NULL,
  published_by TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX catalog_versions_fingerprint ON catalog_versions(fingerprint);
ALTER TABLE applications ADD COLUMN catalog_version BIGINT NOT NULL DEFAULT 0;
)sql",
};

// Any fixed number: the lock all servers of one database take to migrate one at a time.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7310531)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7310531)";

std::optional<Error> run_steps(PgConnection& c) {
  if (auto e = c.exec("CREATE TABLE IF NOT EXISTS yilu_schema (version INTEGER NOT NULL)")) return e;
  auto current = pg_schema_version(c);
  if (!current.ok()) return current.error();
  if (current.value() > latest_pg_schema_version()) return schema_too_new(current.value(), latest_pg_schema_version());
  for (int v = current.value(); v < latest_pg_schema_version(); ++v) {
    if (auto e = c.exec("BEGIN")) return e;
    std::optional<Error> e = c.exec(kSteps[v]);
    if (!e)
      e = c.exec("DELETE FROM yilu_schema; INSERT INTO yilu_schema (version) VALUES (" + std::to_string(v + 1) + ")");
    if (e) {
      c.exec("ROLLBACK");
      return e;
    }
    if (auto ce = c.exec("COMMIT")) return ce;
  }
  return std::nullopt;
}

}  // namespace

int latest_pg_schema_version() { return static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0])); }

Result<int> pg_schema_version(Connection& c) {
  Stmt q(c, "SELECT COALESCE(MAX(version), 0) FROM yilu_schema");
  if (!q.step()) return q.error() ? *q.error() : storage_error("cannot read the schema version");
  return static_cast<int>(q.integer(0));
}

std::optional<Error> apply_pg_migrations(PgConnection& c) {
  if (auto e = c.exec(kMigrationLock)) return e;
  std::optional<Error> e = run_steps(c);
  if (auto ue = c.exec(kMigrationUnlock); ue && !e) e = ue;
  return e;
}

}  // namespace yilu::server::db
