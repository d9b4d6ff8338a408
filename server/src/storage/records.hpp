#pragma once
// Plain records the storage layer reads and writes, typed: statuses and roles are enums, and
// what the workflow reasons about (pauses, extensions, the files of an application, how each
// material stands and what is still owed, the 补正 notice, the rating) has its own rows. The
// only JSON text left is the form the resident filled in (answers and field values), a
// document the core reads as a whole, and each event's data (the audit trail's free part).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "workflow/model.hpp"
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
  workflow::Role role = workflow::Role::Clerk;
  std::string window;      ///< clerk only
  std::string department;  ///< reviewer only
  std::string password_hash;
  bool disabled = false;
};

struct Session {
  std::string subject_kind;  ///< "resident" or "staff"
  std::string subject_id;
  Timestamp expires_at = 0;
  /// The session ends after this long without a request (0: only `expires_at` ends it).
  std::int64_t idle_seconds = 0;
  Timestamp last_seen = 0;  ///< the last request seen (kept to the minute); 0 = never recorded
};

struct Upload {
  std::string resident_id;
  std::string sha256;
  std::string kind;  ///< the core's file type id (docs/core-api.md `file_types`): pdf, jpg, png, ofd, dwg
  std::string content_type;
  std::int64_t size = 0;
  std::string name;
  Timestamp created_at = 0;
};

/// A file of a material, as the server measured it at submission.
struct ApplicationFile {
  std::string material_id;
  std::int64_t index = 0;  ///< position among the material's files (0-based)
  std::string sha256;      ///< the upload (content hash)
  std::string type;        ///< the core's file type id
  std::int64_t bytes = 0;
};

/// How one material of the application stands: the core's validation report at submission
/// (or resubmission), plus when a deferred (容缺) one was supplied.
struct MaterialRecord {
  std::string material_id;
  std::string name;
  std::int64_t stage = 0;  ///< bundle stage where it is first asked (1-based); 0 for an item
  bool required = false;
  std::string
      state;  ///< the core's material_state_name: provided, licence, commitment, deferred, reused, missing, not_given
  std::string licence;        ///< licence type that substitutes for it, or empty
  Timestamp supplied_at = 0;  ///< a deferred material: when it was supplied; 0 while owed
  std::string supplied_by;    ///< "resident" (from the phone) or "clerk" (at the window); empty while owed
  std::string signer;         ///< a commitment: the name the applicant typed to sign it
  Timestamp signed_at = 0;    ///< a commitment: when it was signed (the submission)
};

/// A deferred (容缺) material supplied after acceptance: written on its own row, so a
/// concurrent step on the application never undoes it.
struct MaterialSupply {
  std::string material_id;
  Timestamp supplied_at = 0;
  std::string supplied_by;  ///< "resident" or "clerk"
  std::vector<ApplicationFile> files;
};

/// The clerk's one complete 补正 notice.
struct SupplementNotice {
  std::string note;
  std::vector<std::string> missing;  ///< material ids named by the clerk
  Timestamp at = 0;
};

/// The applicant's 好差评.
struct Rating {
  std::int64_t score = 0;  ///< 1–5
  std::string comment;
  Timestamp at = 0;
};

struct Application {
  std::string id;
  std::string resident_id;
  std::string kind;  ///< item or bundle
  std::string target_id;
  std::int64_t stage = 0;  ///< bundle: the stage now running (1-based); 0 for an item
  std::string window;
  std::vector<std::string> items;  ///< every item id of the target, in order
  workflow::AppStatus status = workflow::AppStatus::Submitted;
  std::string form;     ///< JSON {answers, fields, materials} as submitted (the core's validate shape)
  std::string verdict;  ///< the core's verdict at (re)submission
  std::vector<MaterialRecord> materials;  ///< how each required material stands (written with the form)
  std::vector<ApplicationFile> files;     ///< every file the form references (written with the form)
  Timestamp submitted_at = 0;             ///< first submission (收件); a resubmission after 补正 does not move it
  Timestamp resubmitted_at = 0;           ///< the latest resubmission after 补正, or 0
  Timestamp accepted_at = 0;              ///< 0 until accepted; a bundle: the running stage's start
  std::optional<SupplementNotice> supplement;
  std::string refusal_reason;
  std::optional<Rating> rating;
  Timestamp updated_at = 0;
  std::string channel = "online";  ///< "online" (the phone) or "window" (帮办: a clerk filed it)
  std::string assisted_by;         ///< 帮办: the clerk's username
  std::string assisted_by_name;    ///< 帮办: the clerk's display name
  std::string proxy_relation;      ///< 代办: the filer's relation to the applicant; empty when filed for oneself
  std::string principal_id;        ///< 代办: the applicant's ID number (normalized)
  bool instant = false;            ///< 秒批: decided by the system at submission
  /// The catalog version it was filed under (catalog_versions id; 0: before versions were
  /// kept). Set at creation, never changed: its rules stay that version's.
  std::int64_t catalog_version = 0;
};

/// An Art. 45 interval of a task (the clock stops); `end` unset while it runs.
struct PauseRecord {
  Timestamp start = 0;
  std::optional<Timestamp> end;
  std::string reason;
};

/// An Art. 42 extension of a task.
struct ExtensionRecord {
  std::int64_t days = 0;
  std::string reason;
  Timestamp at = 0;
};

/// A 催办 on an open review: from a supervisor (with a note), or raised by the server when
/// the task's supervision level reached red or overdue (once per level). The department's
/// reviewers see every one on the task; they are counted per department.
struct ReminderRecord {
  std::int64_t id = 0;
  std::string task_id;
  std::string application_id;
  std::string department;
  Timestamp at = 0;
  std::string actor_kind;  ///< "staff" (a supervisor or admin) or "system" (automatic)
  std::string actor_id;
  std::string actor_name;
  std::string level;  ///< automatic: the level that raised it ("red", "overdue"); empty otherwise
  std::string note;
};

/// 催办 of one department in a period.
struct ReminderGroup {
  std::string department;
  std::int64_t by_staff = 0;   ///< sent by supervisors
  std::int64_t automatic = 0;  ///< raised at red or overdue
  std::int64_t tasks = 0;      ///< distinct tasks reminded
};

struct Task {
  std::string id;
  workflow::TaskKind kind = workflow::TaskKind::Review;
  std::string application_id;
  std::string item_id;
  std::string department;
  std::int64_t stage = 0;    ///< bundle stage (1-based); 0 for a single item
  Timestamp started_at = 0;  ///< when its clock started (acceptance of its stage)
  workflow::TaskStatus status = workflow::TaskStatus::Reviewing;
  std::vector<PauseRecord> pauses;
  std::vector<ExtensionRecord> extensions;
  std::vector<ReminderRecord> reminders;  ///< oldest first; stored apart (Store::add_reminder), read with the task
  std::string note;                       ///< the decision's note or reason
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
  Timestamp revoked_at = 0;  ///< 0 while valid; set when a false commitment revoked it
  std::string revoked_reason;
};

/// A message to a resident (站内消息), also sent by SMS. `dedupe` (optional) makes a reminder
/// be stored once.
struct Notification {
  std::int64_t id = 0;
  std::string resident_id;
  std::string application_id;
  std::string kind;  ///< accepted, supplement_requested, task_paused, issued, …
  std::string title;
  std::string body;
  std::string sms;  ///< the SMS text (short)
  Timestamp created_at = 0;
  Timestamp read_at = 0;  ///< 0 while unread
  std::string dedupe;
};

struct IdempotentResponse {
  std::string request_hash;
  int status = 0;
  std::string response;
};

/// One workflow step, applied atomically: the application (and any tasks) must still be in
/// the expected states, else nothing is written and the caller answers 409.
/// A department's review as decided: what the supervision center's on-time rates and working
/// days are summed from. Written once, in the step that decides the task, from the core's
/// deadline for it at that moment (workflow/task_results.hpp).
struct TaskResult {
  std::string task_id;
  std::string application_id;
  std::string item_id;
  std::string department;
  std::string window_id;
  bool approved = false;     ///< approved (准予) or rejected (不予)
  Timestamp started_at = 0;  ///< the department's clock started (acceptance of its stage)
  Timestamp decided_at = 0;
  std::int32_t decided_on = 0;  ///< the decision's day (China Standard Time), days since 1970-01-01
  std::int32_t due_on = 0;      ///< the due date then, days since 1970-01-01
  std::int64_t limit_days = 0;  ///< the promised limit for the resident's answers
  std::int64_t extension_days = 0;
  std::int64_t paused_workdays = 0;
  std::int64_t workdays_taken = 0;  ///< limit + extensions − working days left at the decision
  bool on_time = false;             ///< decided by the end of the due date
};

/// The scope of a supervision figure: decisions on days [from_day, to_day] (days since
/// 1970-01-01, China Standard Time); empty ids match every department or item.
struct ResultQuery {
  std::int32_t from_day = 0;
  std::int32_t to_day = 0;
  std::string department;
  std::string item_id;
};

/// A rating (好差评) counted under one heading: the window that served, each department
/// that decided, each item, the clerk who accepted, and the whole center (dimension
/// "center", key ""). Written with the rating (workflow/rating_facts.hpp), never changed.
struct RatingFact {
  std::string application_id;
  std::string dimension;  ///< "window", "department", "item", "clerk", "center"
  std::string key;
  std::int64_t score = 0;
  bool good = false;             ///< 好评 (workflow/rating_facts.hpp decides; SQL only sums)
  bool bad = false;              ///< 差评
  std::int32_t rated_on = 0;     ///< days since 1970-01-01, China Standard Time
  std::int32_t rated_month = 0;  ///< yyyymm of that day
};

/// What 好差评 figures are grouped by: one of RatingFact's dimensions, or the month.
struct RatingQuery {
  std::string dimension;  ///< the rows' dimension ("center" for months)
  bool by_month = false;  ///< group by rated_month instead of key
  std::string key;        ///< only this key of the dimension (empty: all)
  std::int32_t from_day = 0;
  std::int32_t to_day = 0;
};

struct RatingGroup {
  std::string key;  ///< the dimension's key, or the month as "yyyy-mm"
  std::int64_t rated = 0;
  std::int64_t good = 0;  ///< 4–5
  std::int64_t bad = 0;   ///< 1–2
  std::int64_t score_sum = 0;
};

/// The follow-up (整改) a bad rating (1–2) opens: someone at the center must answer it.
struct RatingFollowUp {
  std::string application_id;
  std::string window_id;
  std::int64_t score = 0;
  std::string comment;
  Timestamp opened_at = 0;
  Timestamp answered_at = 0;  ///< 0 while open
  std::string answered_by;
  std::string answered_by_name;
  std::string answer;
};

/// How many applications went through one step on one day (China Standard Time).
struct VolumeDay {
  std::int32_t day = 0;  ///< days since 1970-01-01
  std::string kind;      ///< the event: submitted, assisted_submitted, accepted, issued, refused, rejected
  std::int64_t count = 0;
};

/// An application as issued (办结): where its working days went, for the supervision center's
/// time per stage and the reductions each bundle achieved. Written once, with the step that
/// issues its last stage (workflow/application_results.hpp), never changed. The five stages add
/// up to `total_workdays`.
struct ApplicationResult {
  std::string application_id;
  std::string kind;  ///< "item" or "bundle"
  std::string target_id;
  std::string window_id;
  Timestamp issued_at = 0;
  std::int32_t issued_on = 0;            ///< the issue's day (China Standard Time), days since 1970-01-01
  std::int64_t total_workdays = 0;       ///< submission (收件) to issue
  std::int64_t intake_workdays = 0;      ///< waiting at the window for 受理, 补正 excluded
  std::int64_t correction_workdays = 0;  ///< 补正: from each notice to the resubmission
  std::int64_t review_workdays = 0;      ///< each stage's acceptance to its last decision, pauses excluded
  std::int64_t paused_workdays = 0;      ///< Art. 45 intervals of each stage's last-decided review
  std::int64_t issue_wait_workdays = 0;  ///< each stage's last decision to its issue (出件)
  std::int64_t taken_workdays = 0;       ///< first acceptance to issue: the time the catalog promises
  std::int64_t promised_days = 0;        ///< the promise for the resident's answers (a bundle: its stages)
  std::int64_t separate_days = 0;        ///< the same items done one by one (an item: its promise)
  std::int64_t materials_given = 0;      ///< materials the applicant handed in (now or, deferred, later)
  std::int64_t materials_promised = 0;   ///< materials the catalog asks of this target
  std::int64_t materials_separate = 0;   ///< the same items' materials one by one
};

/// A deferred (容缺) material as it was supplied: whether by its due date (the core's deferral
/// deadline from acceptance). Written with the supply step (workflow/deferral_results.hpp).
struct DeferralResult {
  std::string application_id;
  std::string material_id;
  std::string window_id;
  Timestamp supplied_at = 0;
  std::int32_t supplied_on = 0;  ///< days since 1970-01-01, China Standard Time
  std::int32_t due_on = 0;
  bool on_time = false;     ///< supplied by the end of its due date
  std::string supplied_by;  ///< "resident" or "clerk"
};

/// A holiday calendar an administrator published (calendar_pub/calendar_publication.hpp).
struct CalendarVersion {
  std::int64_t id = 0;
  std::string text;  ///< the whole calendar JSON (empty when listed without it)
  int last_year = 0;
  Timestamp published_at = 0;
  std::string published_by;
  std::string summary;  ///< what changed, in Chinese ("2027 年全国节假日安排")
};

/// A catalog version (docs/catalog.md, "Versions"): the shipped file as first stored, or one an
/// administrator published.
struct CatalogVersion {
  std::int64_t id = 0;
  std::string text;         ///< the whole catalog JSON (empty when listed without it)
  std::string version;      ///< the catalog's own `version` member
  std::string fingerprint;  ///< Catalog::fingerprint of the text
  std::int64_t items = 0;
  Timestamp published_at = 0;
  std::string published_by;
  std::string summary;  ///< what changed, in Chinese
};

/// An open application whose due date a published calendar changed (or made official).
struct DueChange {
  std::string application_id;
  std::optional<std::int32_t> before_on, after_on;  ///< day numbers (Date::days); none: no due date
  bool before_provisional = false, after_provisional = false;
};

/// Deferred materials supplied in a period at one window.
struct DeferralGroup {
  std::string window_id;
  std::int64_t supplied = 0;
  std::int64_t on_time = 0;
  std::int64_t by_clerk = 0;  ///< handed in at the window (the rest from the phone)
};

/// What the stage figures are grouped by.
enum class StageBy { Target, Window };

/// The scope of the stage figures: applications issued on days [from_day, to_day]; empty ids
/// match every window or target.
struct StageQuery {
  std::int32_t from_day = 0;
  std::int32_t to_day = 0;
  std::string window_id;
  std::string target_id;
};

/// Sums of ApplicationResult over one target (item or bundle) or window.
struct StageGroup {
  std::string key;
  std::string kind;  ///< the target's kind; "window" when grouped by window
  std::int64_t issued = 0;
  std::int64_t total = 0, intake = 0, correction = 0, review = 0, paused = 0, issue_wait = 0;
  std::int64_t taken = 0, promised = 0, separate = 0;
  std::int64_t materials_given = 0, materials_promised = 0, materials_separate = 0;
};

/// What the on-time figures are grouped by.
enum class ResultBy { Department, Item };

/// One row of the on-time figures: a department or an item over the query's days.
struct ResultGroup {
  std::string key;           ///< the department's or item's id
  std::int64_t decided = 0;  ///< decisions in the period
  std::int64_t on_time = 0;  ///< of them, decided by the due date
  std::int64_t workdays_taken_sum = 0;
  std::int64_t workdays_taken_p90 = 0;  ///< the smallest value at least 90 % of decisions do not exceed
  std::int64_t limit_days_sum = 0;
};

struct Change {
  std::string application_id;
  workflow::AppStatus expected_status = workflow::AppStatus::Submitted;
  Application updated;  ///< its row written whole; its child rows only with `replace_children`
  /// Whether the step changed the application's child rows (form, materials, files, the 补正
  /// notice): only then are they rewritten, so a step never undoes a concurrent supply.
  bool replace_children = false;
  /// Deferred materials supplied: each must still be owed, else Conflict.
  std::vector<MaterialSupply> supplies;
  /// Licences written whole (a revocation).
  std::vector<Licence> licence_updates;
  std::vector<Task> new_tasks;
  /// (expected status, new row): the row is written whole, its pauses and extensions included.
  std::vector<std::pair<workflow::TaskStatus, Task>> task_updates;
  std::vector<Licence> new_licences;
  /// Tasks decided by this step (review decisions): stored with it, never changed after.
  std::vector<TaskResult> task_results;
  /// The deferred materials this step supplies, with their due dates.
  std::vector<DeferralResult> deferral_results;
  /// The application's stage figures, when this step issues its last stage.
  std::optional<ApplicationResult> application_result;
  /// A rating's facts and, for a bad one, its follow-up (the rating step only).
  std::vector<RatingFact> rating_facts;
  std::optional<RatingFollowUp> follow_up;
  std::vector<Event> events;
  /// When set, called inside the transaction (after the task updates) with the statuses of
  /// the application's tasks in its running stage; a different result becomes the new status
  /// with a "system" event of that name. Concurrent decisions on sibling tasks are serialized
  /// by the writer, so the last one always sees the others.
  std::function<workflow::AppStatus(const std::vector<workflow::TaskStatus>&)> derive_status;
  /// When set, called inside the transaction once the events are final (derived ones
  /// included); the notifications it returns are stored with the step and kept here in
  /// `notifications` for the caller to send by SMS after the commit.
  std::function<std::vector<Notification>(const Change&)> notify;
  std::vector<Notification> notifications;
};

/// A resident's allowance for one day (China Standard Time) of uploads or applications,
/// counted from `since` (the day's first second); a limit of 0 means none. Checked inside
/// the write, so parallel requests cannot all slip under it.
struct DailyQuota {
  Timestamp since = 0;
  std::int64_t max_count = 0;
  std::int64_t max_bytes = 0;
};

/// What a resident used of a quota.
struct Usage {
  std::int64_t count = 0;
  std::int64_t bytes = 0;
};

/// One page of a list in its fixed order: `after` is the cursor of the last row of the
/// previous page ("" for the first page), as returned in Page::next.
/// An application with its tasks (of every stage), read in one snapshot.
struct ApplicationWithTasks {
  Application application;
  std::vector<Task> tasks;
};

struct PageRequest {
  std::string after;
  std::int64_t limit = 50;
};

template <class T>
struct Page {
  std::vector<T> rows;
  std::string next;        ///< the cursor of the next page; "" when this is the last one
  std::int64_t total = 0;  ///< rows in the whole list (a COUNT in the same snapshot)
};

/// One line of the audit trail: who did what to whom, from where. Append-only.
struct AuditEntry {
  std::int64_t seq = 0;  ///< assigned when stored
  Timestamp at = 0;
  std::string kind;        ///< staff_sign_in, staff_sign_in_failed, application_read, file_read, … (migration 5)
  std::string actor_kind;  ///< staff, resident, anonymous
  std::string actor_id;    ///< username or resident id ("" for anonymous)
  std::string subject;     ///< application id, "application/sha256", username or resident id
  std::string address;     ///< the client's address
  std::string detail;      ///< a short JSON object (e.g. the refused username's reason)
};

/// Filters of the audit view; empty fields match everything. `until` is exclusive.
struct AuditQuery {
  std::string kind;
  std::string actor_id;
  std::string subject;
  Timestamp since = 0;
  Timestamp until = 0;
};

}  // namespace yilu::server
