#include "storage/sqlite_migrations.hpp"

#include <algorithm>
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
    // 2: typed records. Statuses are checked by name; what v1 kept as JSON text gets rows:
    // an application's items, the materials' standing (v1 body "required_materials"), the
    // files its form references (body materials.<id>.files), the 补正 notice's list; a task's
    // pauses and extensions. The notice and the rating become columns. Every v1 row is carried
    // over: applications and tasks are rebuilt (new table, copy, drop, rename: SQLite cannot
    // add a CHECK to a column), the JSON is read with json_each/json_extract, RFC 3339 texts
    // with strftime('%s') (an unreadable one falls back to the event or row time).
    // submitted_at becomes the first "submitted" event (收件), resubmitted_at the latest
    // "resubmitted" one, the notice's time the latest "supplement_requested". The sniffed kind
    // "jpeg" becomes the core's file type "jpg". The old JSON columns go with the old tables.
    R"sql(
CREATE TABLE applications_v2 (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  kind TEXT NOT NULL CHECK (kind IN ('item','bundle')),
  target_id TEXT NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0 CHECK (stage >= 0),
  window_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted','supplement_requested','accepted','dispatched',
                                         'ready_for_issue','issued','refused','rejected','closed','withdrawn')),
  form TEXT NOT NULL,
  verdict TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  resubmitted_at INTEGER,
  accepted_at INTEGER,
  supplement_note TEXT,
  supplement_at INTEGER,
  refusal_reason TEXT,
  rating_score INTEGER CHECK (rating_score BETWEEN 1 AND 5),
  rating_comment TEXT,
  rating_at INTEGER,
  updated_at INTEGER NOT NULL,
  CHECK ((supplement_note IS NULL) = (supplement_at IS NULL)),
  CHECK ((rating_score IS NULL) = (rating_at IS NULL) AND (rating_score IS NULL) = (rating_comment IS NULL))
);
INSERT INTO applications_v2 (id, resident_id, kind, target_id, stage, window_id, status, form, verdict, submitted_at,
                             resubmitted_at, accepted_at, supplement_note, supplement_at, refusal_reason,
                             rating_score, rating_comment, rating_at, updated_at)
SELECT a.id, a.resident_id, a.kind, a.target_id, a.stage, a.window_id, a.status,
       json_remove(a.body, '$.verdict', '$.required_materials'),
       IFNULL(json_extract(a.body, '$.verdict'), ''),
       IFNULL((SELECT MIN(e.at) FROM events e WHERE e.application_id = a.id AND e.kind = 'submitted'), a.submitted_at),
       (SELECT MAX(e.at) FROM events e WHERE e.application_id = a.id AND e.kind = 'resubmitted'),
       a.accepted_at,
       CASE WHEN IFNULL(a.supplement, '') <> '' THEN IFNULL(json_extract(a.supplement, '$.note'), '') END,
       CASE WHEN IFNULL(a.supplement, '') <> '' THEN
         IFNULL((SELECT MAX(e.at) FROM events e WHERE e.application_id = a.id AND e.kind = 'supplement_requested'),
                a.updated_at) END,
       a.refusal_reason,
       CASE WHEN IFNULL(a.rating, '') <> '' THEN json_extract(a.rating, '$.score') END,
       CASE WHEN IFNULL(a.rating, '') <> '' THEN IFNULL(json_extract(a.rating, '$.comment'), '') END,
       CASE WHEN IFNULL(a.rating, '') <> '' THEN
         COALESCE(CASE json_type(a.rating, '$.at') WHEN 'integer' THEN json_extract(a.rating, '$.at')
                                                  WHEN 'text' THEN CAST(strftime('%s', json_extract(a.rating, '$.at')) AS INTEGER) END,
                  (SELECT MAX(e.at) FROM events e WHERE e.application_id = a.id AND e.kind = 'rated'),
                  a.updated_at) END,
       a.updated_at
FROM applications a;
CREATE TABLE application_items (
  application_id TEXT NOT NULL REFERENCES applications(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  item_id TEXT NOT NULL,
  PRIMARY KEY (application_id, position)
) WITHOUT ROWID;
INSERT INTO application_items (application_id, position, item_id)
SELECT a.id, i.key, i.value FROM applications a, json_each(a.items) i;
CREATE TABLE application_materials (
  application_id TEXT NOT NULL REFERENCES applications(id),
  material_id TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  name TEXT NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0 CHECK (stage >= 0),
  required INTEGER NOT NULL CHECK (required IN (0,1)),
  state TEXT NOT NULL,
  licence TEXT,
  supplied_at INTEGER,
  PRIMARY KEY (application_id, material_id),
  UNIQUE (application_id, position)
) WITHOUT ROWID;
INSERT INTO application_materials (application_id, material_id, position, name, stage, required, state, licence)
SELECT a.id, json_extract(m.value, '$.id'), m.key, IFNULL(json_extract(m.value, '$.name'), ''),
       IFNULL(json_extract(m.value, '$.stage'), 0), IFNULL(json_extract(m.value, '$.required'), 0),
       json_extract(m.value, '$.state'), NULLIF(json_extract(m.value, '$.licence'), '')
FROM applications a, json_each(a.body, '$.required_materials') m;
CREATE TABLE application_files (
  application_id TEXT NOT NULL REFERENCES applications(id),
  material_id TEXT NOT NULL,
  idx INTEGER NOT NULL CHECK (idx >= 0),
  sha256 TEXT NOT NULL,
  type TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  PRIMARY KEY (application_id, material_id, idx)
) WITHOUT ROWID;
INSERT INTO application_files (application_id, material_id, idx, sha256, type, bytes)
SELECT a.id, m.key, f.key, json_extract(f.value, '$.upload'),
       CASE json_extract(f.value, '$.type') WHEN 'jpeg' THEN 'jpg' ELSE json_extract(f.value, '$.type') END,
       IFNULL(json_extract(f.value, '$.bytes'), 0)
FROM applications a, json_each(a.body, '$.materials') m,
     json_each(CASE WHEN m.type = 'object' AND json_type(m.value, '$.files') = 'array' THEN m.value ELSE '{}' END,
               '$.files') f
WHERE m.type = 'object' AND json_extract(m.value, '$.by') = 'file';
CREATE TABLE supplement_missing (
  application_id TEXT NOT NULL REFERENCES applications(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  material_id TEXT NOT NULL,
  PRIMARY KEY (application_id, position)
) WITHOUT ROWID;
INSERT INTO supplement_missing (application_id, position, material_id)
SELECT a.id, m.key, m.value FROM applications a, json_each(a.supplement, '$.missing') m
WHERE IFNULL(a.supplement, '') <> '';
CREATE TABLE tasks_v2 (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  item_id TEXT NOT NULL,
  department TEXT NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0 CHECK (stage >= 0),
  started_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('reviewing','paused','approved','rejected')),
  note TEXT,
  updated_at INTEGER NOT NULL
);
INSERT INTO tasks_v2 (id, application_id, item_id, department, stage, started_at, status, note, updated_at)
SELECT id, application_id, item_id, department, stage, started_at, status, note, updated_at FROM tasks;
CREATE TABLE task_pauses (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  reason TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
INSERT INTO task_pauses (task_id, position, started_at, ended_at, reason)
SELECT t.id, p.key, json_extract(p.value, '$.start'), json_extract(p.value, '$.end'),
       IFNULL(json_extract(p.value, '$.reason'), '')
FROM tasks t, json_each(t.pauses) p;
CREATE TABLE task_extensions (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  days INTEGER NOT NULL CHECK (days > 0),
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
INSERT INTO task_extensions (task_id, position, days, reason, at)
SELECT t.id, x.key, json_extract(x.value, '$.days'), IFNULL(json_extract(x.value, '$.reason'), ''),
       COALESCE(CASE json_type(x.value, '$.at') WHEN 'integer' THEN json_extract(x.value, '$.at')
                                                WHEN 'text' THEN CAST(strftime('%s', json_extract(x.value, '$.at')) AS INTEGER) END,
                t.updated_at)
FROM tasks t, json_each(t.extensions) x;
DROP TABLE tasks;
ALTER TABLE tasks_v2 RENAME TO tasks;
CREATE INDEX tasks_department ON tasks(department, status);
CREATE INDEX tasks_application ON tasks(application_id);
DROP TABLE applications;
ALTER TABLE applications_v2 RENAME TO applications;
CREATE INDEX applications_resident ON applications(resident_id, submitted_at);
CREATE INDEX applications_window ON applications(window_id, status);
CREATE INDEX applications_status ON applications(status, submitted_at);
UPDATE uploads SET kind = 'jpg' WHERE kind = 'jpeg';
)sql",
    // 3: the workflow's new facts. Applications may end partially issued (部分办结) or revoked
    // (撤销, a false commitment), and record how they were filed: the channel (the phone, or a
    // clerk at the window: 帮办, with the clerk), a proxy's relation and the applicant's ID
    // number (代办), and whether the system decided at once (秒批). The status CHECK grows, so
    // applications is rebuilt as in step 2 (new table, copy, drop, rename; its indexes are
    // recreated) and every row keeps its values, the new columns taking their defaults: filed
    // online, for oneself, not instant. The other tables only gain columns (ALTER TABLE ADD
    // COLUMN keeps their rows): a material records who supplied it (a material supplied before
    // this step was supplied from the phone: 'resident') and a commitment's signer and time; a
    // task its kind (every earlier task is a review: 核查 tasks are new); a licence its
    // revocation. Notifications (站内消息) are new: `dedupe` makes a reminder be stored once,
    // the partial index serves the unread badge.
    R"sql(
CREATE TABLE applications_v3 (
  id TEXT PRIMARY KEY,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  kind TEXT NOT NULL CHECK (kind IN ('item','bundle')),
  target_id TEXT NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0 CHECK (stage >= 0),
  window_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted','supplement_requested','accepted','dispatched',
                                         'ready_for_issue','issued','refused','rejected','closed','withdrawn',
                                         'partially_issued','revoked')),
  form TEXT NOT NULL,
  verdict TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  resubmitted_at INTEGER,
  accepted_at INTEGER,
  supplement_note TEXT,
  supplement_at INTEGER,
  refusal_reason TEXT,
  rating_score INTEGER CHECK (rating_score BETWEEN 1 AND 5),
  rating_comment TEXT,
  rating_at INTEGER,
  updated_at INTEGER NOT NULL,
  channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online','window')),
  assisted_by TEXT,
  assisted_by_name TEXT,
  proxy_relation TEXT,
  principal_id TEXT,
  instant INTEGER NOT NULL DEFAULT 0 CHECK (instant IN (0,1)),
  CHECK ((supplement_note IS NULL) = (supplement_at IS NULL)),
  CHECK ((rating_score IS NULL) = (rating_at IS NULL) AND (rating_score IS NULL) = (rating_comment IS NULL))
);
INSERT INTO applications_v3 (id, resident_id, kind, target_id, stage, window_id, status, form, verdict, submitted_at,
                             resubmitted_at, accepted_at, supplement_note, supplement_at, refusal_reason,
                             rating_score, rating_comment, rating_at, updated_at)
SELECT id, resident_id, kind, target_id, stage, window_id, status, form, verdict, submitted_at,
       resubmitted_at, accepted_at, supplement_note, supplement_at, refusal_reason,
       rating_score, rating_comment, rating_at, updated_at
FROM applications;
DROP TABLE applications;
ALTER TABLE applications_v3 RENAME TO applications;
CREATE INDEX applications_resident ON applications(resident_id, submitted_at);
CREATE INDEX applications_window ON applications(window_id, status);
CREATE INDEX applications_status ON applications(status, submitted_at);
ALTER TABLE application_materials ADD COLUMN supplied_by TEXT CHECK (supplied_by IN ('resident','clerk'));
ALTER TABLE application_materials ADD COLUMN signer TEXT;
ALTER TABLE application_materials ADD COLUMN signed_at INTEGER;
UPDATE application_materials SET supplied_by = 'resident' WHERE supplied_at IS NOT NULL;
ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'review' CHECK (kind IN ('review','check'));
ALTER TABLE licences ADD COLUMN revoked_at INTEGER;
ALTER TABLE licences ADD COLUMN revoked_reason TEXT;
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  resident_id TEXT NOT NULL REFERENCES residents(id),
  application_id TEXT REFERENCES applications(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  sms TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  dedupe TEXT UNIQUE
);
CREATE INDEX notifications_resident ON notifications(resident_id, id);
CREATE INDEX notifications_unread ON notifications(resident_id) WHERE read_at IS NULL;
)sql",
    // 4: staff sessions end when idle. A session records its idle limit (chosen at sign-in)
    // and when it was last used; sessions from before this step have no limit (0) and keep
    // their expiry, and their last use counts from their creation.
    R"sql(
ALTER TABLE sessions ADD COLUMN last_seen INTEGER;
ALTER TABLE sessions ADD COLUMN idle_seconds INTEGER NOT NULL DEFAULT 0 CHECK (idle_seconds >= 0);
)sql",
    // 5: the audit trail of people's access (staff sign-ins, reads of applications and files,
    // account changes, profile changes): append-only like events. Indexes for the daily
    // quotas (uploads per resident per day) and the paged lists (window and department
    // queues in their list order).
    R"sql(
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
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
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE INDEX uploads_resident_day ON uploads(resident_id, created_at);
CREATE INDEX applications_window_order ON applications(window_id, submitted_at, id);
CREATE INDEX tasks_department_order ON tasks(department, updated_at, id);
)sql",
    // 6: state every server shares, short-lived: sign-in codes and their tries, rate-limit
    // counters, sign-in backoff (kept in process memory before: lost on a restart, and not
    // seen by a second server). Each entry is the server's own text, kept until it expires.
    R"sql(
CREATE TABLE shared_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX shared_state_expiry ON shared_state(expires_at);
)sql",
    // 7: the open work in list order, indexed apart from the finished rows (which are 98 % of
    // a year's applications and tasks): a window's queue, the overview and a department's task
    // list read these without stepping over finished ones. The conditions are the lists of
    // open statuses the server's queries name (sql_store.cpp status_list).
    R"sql(
CREATE INDEX applications_open_window_order ON applications(window_id, submitted_at, id)
  WHERE status IN ('submitted','supplement_requested','accepted','dispatched','ready_for_issue');
CREATE INDEX applications_open_order ON applications(submitted_at, id)
  WHERE status IN ('submitted','supplement_requested','accepted','dispatched','ready_for_issue');
CREATE INDEX tasks_open_department_order ON tasks(department, updated_at, id)
  WHERE status IN ('reviewing','paused');
)sql",
    // 8: each review decision's figures for supervision (on time, working days taken against
    // the promised limit), written by the step that decides; read by day range, per department
    // or item, through the two indexes (no scan of a year's rows for a month's figure).
    R"sql(
CREATE TABLE task_results (
  task_id TEXT PRIMARY KEY REFERENCES tasks(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  item_id TEXT NOT NULL,
  department TEXT NOT NULL,
  window_id TEXT NOT NULL,
  approved INTEGER NOT NULL CHECK (approved IN (0,1)),
  started_at INTEGER NOT NULL,
  decided_at INTEGER NOT NULL,
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
    // 9: 催办 on open reviews, a supervisor's or raised automatically at red and overdue (once
    // per level: the UNIQUE pair; a supervisor's have no level, and NULLs never collide),
    // read with their task and counted per department by time.
    R"sql(
CREATE TABLE task_reminders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT NOT NULL REFERENCES tasks(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  department TEXT NOT NULL,
  at INTEGER NOT NULL,
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
    // 10: 好差评 by heading (window, department, item, clerk, the whole center), written with
    // the rating and summed by day range; the follow-up (整改) a bad rating opens.
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
  opened_at INTEGER NOT NULL,
  answered_at INTEGER,
  answered_by TEXT,
  answered_by_name TEXT,
  answer TEXT,
  CHECK ((answered_at IS NULL) = (answer IS NULL))
);
CREATE INDEX rating_follow_ups_open ON rating_follow_ups(opened_at) WHERE answered_at IS NULL;
CREATE INDEX rating_follow_ups_answered ON rating_follow_ups(answered_at) WHERE answered_at IS NOT NULL;
)sql",
    // 11: the one-window steps per day (volumes: received, accepted, issued, refused) are read
    // from the timeline by kind and time.
    R"sql(
CREATE INDEX events_kind_at ON events(kind, at);
)sql",
    // 12: the supervision figures of past days read from daily counts, not from every decision,
    // rating and event: per day and department, item and working days taken; per day,
    // dimension and key; per day, window and one-window step. Filled by the server's periodic
    // job up to `rollup_state.through_day` (SqlStore::roll_up_supervision); later days are
    // read from the facts. No step writes them, so concurrent steps never contend on them.
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
) WITHOUT ROWID;
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
) WITHOUT ROWID;
CREATE TABLE volume_days (
  day INTEGER NOT NULL,
  window_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (day, window_id, kind)
) WITHOUT ROWID;
CREATE TABLE rollup_state (
  name TEXT PRIMARY KEY,
  through_day INTEGER NOT NULL
);
INSERT INTO rollup_state (name, through_day) VALUES ('supervision', 0);
)sql",
    // 13: each issued application's working days per stage and, for a bundle, the reductions it
    // achieved (workflow/application_results.hpp), by issue day; with their daily counts (sums
    // per day, target and window), rolled up with the others.
    R"sql(
CREATE TABLE application_results (
  application_id TEXT PRIMARY KEY REFERENCES applications(id),
  kind TEXT NOT NULL CHECK (kind IN ('item','bundle')),
  target_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
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
) WITHOUT ROWID;
)sql",
    // 14: each deferred (容缺) material as supplied, with its due date and whether it was on time
    // (workflow/deferral_results.hpp), by supply day.
    R"sql(
CREATE TABLE deferral_results (
  application_id TEXT NOT NULL REFERENCES applications(id),
  material_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  supplied_at INTEGER NOT NULL,
  supplied_on INTEGER NOT NULL,
  due_on INTEGER NOT NULL,
  on_time INTEGER NOT NULL CHECK (on_time IN (0,1)),
  supplied_by TEXT NOT NULL CHECK (supplied_by IN ('resident','clerk')),
  PRIMARY KEY (application_id, material_id)
);
CREATE INDEX deferral_results_day ON deferral_results(supplied_on, window_id);
)sql",
    // 15: holiday calendars published by an administrator (the whole text, the newest in force)
    // and, for each, the open applications whose due date it changed (calendar_pub/); the audit
    // trail records a publication (SQLite changes a CHECK by rebuilding the table, rows and
    // sequence kept).
    R"sql(
CREATE TABLE audit_new (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('staff_sign_in','staff_sign_in_failed','staff_sign_out',
    'staff_password_changed','application_read','file_read','account_created','account_disabled',
    'profile_changed','calendar_published','catalog_published')),
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff','resident','anonymous')),
  actor_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  address TEXT NOT NULL,
  detail TEXT NOT NULL
);
INSERT INTO audit_new (seq, at, kind, actor_kind, actor_id, subject, address, detail)
  SELECT seq, at, kind, actor_kind, actor_id, subject, address, detail FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor_id, at);
CREATE INDEX audit_subject ON audit(subject, at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TABLE calendar_versions (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  last_year INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE due_date_changes (
  calendar_id INTEGER NOT NULL REFERENCES calendar_versions(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  before_on INTEGER,
  before_provisional INTEGER NOT NULL CHECK (before_provisional IN (0,1)),
  after_on INTEGER,
  after_provisional INTEGER NOT NULL CHECK (after_provisional IN (0,1)),
  PRIMARY KEY (calendar_id, application_id)
);
)sql",
    // 16: catalog versions an administrator published (the whole text; the newest in force),
    // and the version each application was filed under: its rules stay those of that version
    // (0: filed before versions were kept; the catalog in force answers for it).
    R"sql(
CREATE TABLE catalog_versions (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  version TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  items INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX catalog_versions_fingerprint ON catalog_versions(fingerprint);
ALTER TABLE applications ADD COLUMN catalog_version INTEGER NOT NULL DEFAULT 0;
)sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0])); }

namespace {

// A step that rebuilds a table (new table, copy, drop, rename) must run with foreign keys off:
// dropping the old parent would otherwise fail or cascade. The pragma is a no-op inside a
// transaction, so it is set around the steps; each step proves it left no dangling reference
// (foreign_key_check) before it commits.
std::optional<Error> foreign_keys_intact(SqliteConnection& c) {
  Stmt q(c, "PRAGMA foreign_key_check");
  if (q.step()) return storage_error("migration left a dangling reference in table " + q.text(0));
  return q.error();
}

std::optional<Error> run_steps(SqliteConnection& c, int current, int target) {
  for (int v = current; v < target; ++v) {
    if (auto e = c.exec("BEGIN IMMEDIATE")) return e;
    std::optional<Error> e = c.exec(kSteps[v]);
    if (!e) e = foreign_keys_intact(c);
    if (!e) e = c.exec("PRAGMA user_version=" + std::to_string(v + 1));
    if (e) {
      c.exec("ROLLBACK");
      return e;
    }
    if (auto ce = c.exec("COMMIT")) return ce;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> apply_migrations(SqliteConnection& c, std::optional<int> up_to) {
  int current = 0;
  {
    Stmt q(c, "PRAGMA user_version");
    if (!q.step()) return q.error() ? *q.error() : storage_error("cannot read user_version");
    current = static_cast<int>(q.integer(0));
  }
  if (current > latest_schema_version()) return schema_too_new(current, latest_schema_version());
  const int target = up_to ? std::min(*up_to, latest_schema_version()) : latest_schema_version();
  if (current >= target) return std::nullopt;
  if (auto e = c.exec("PRAGMA foreign_keys=OFF")) return e;
  std::optional<Error> e = run_steps(c, current, target);
  if (auto fe = c.exec("PRAGMA foreign_keys=ON"); fe && !e) e = fe;
  return e;
}

}  // namespace yilu::server::db
