#pragma once
// What the HTTP handlers need from storage, and nothing more: the seam where a shared
// database server could replace the embedded SQLite file (stateless `yilu serve` instances).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"
#include "yilu/error.hpp"

namespace yilu::server {

/// Outcome of a conditional write.
/// A short-lived entry of state every server shares (a number's sign-in code, a limit's
/// counter), as text the caller reads and writes; "" means none. Kept until `expires_at`.
struct SharedEntry {
  std::string key;
  std::string value;
  Timestamp expires_at = 0;
};

enum class WriteOutcome {
  Done,      ///< committed (durable)
  Conflict,  ///< a precondition no longer holds (state moved, name taken, key reused)
  Refused,   ///< the write would break an invariant (e.g. no active admin left); nothing written
};

class Store {
 public:
  virtual ~Store() = default;

  /// The database's schema version, read from it now: reachable, and the version the server's
  /// migrations left (readiness: `GET /api/v1/ready`).
  virtual Result<int> schema_version() = 0;
  /// The version this program's migrations give the database.
  virtual int expected_schema_version() const = 0;

  // Residents and sessions. Errors are `storage_error`.
  /// The resident with this phone, created if new.
  virtual Result<Resident> resident_by_phone(const std::string& phone, Timestamp now) = 0;
  /// The resident, or nullopt.
  virtual Result<std::optional<Resident>> resident(const std::string& id) = 0;
  /// Sets the real-name profile.
  virtual std::optional<Error> set_profile(const std::string& id, const std::string& name,
                                           const std::string& id_number) = 0;
  /// Stores the session (its `idle_seconds` with it; `last_seen` starts at `now`).
  virtual std::optional<Error> put_session(const std::string& token_hash, const Session& s, Timestamp now) = 0;
  /// The session, or nullopt when unknown, expired or idle for longer than its `idle_seconds`.
  /// A session with an idle limit is marked seen at `now`, at most once a minute (a write:
  /// if it fails the session is still returned).
  virtual Result<std::optional<Session>> session(const std::string& token_hash, Timestamp now) = 0;
  virtual std::optional<Error> delete_session(const std::string& token_hash) = 0;

  // Staff.
  /// Conflict when the username exists.
  virtual Result<WriteOutcome> create_staff(const StaffAccount& a, Timestamp now) = 0;
  /// The account, or nullopt.
  virtual Result<std::optional<StaffAccount>> staff(const std::string& username) = 0;
  virtual Result<std::vector<StaffAccount>> list_staff() = 0;
  /// Disables and revokes the account's sessions; Conflict if unknown; Refused (nothing
  /// written) if it is the last active admin (checked in the write, so two admins disabling
  /// each other at once cannot both succeed).
  virtual Result<WriteOutcome> disable_staff(const std::string& username) = 0;
  /// Replaces the account's password hash and ends all its sessions but `keep_token_hash`'s
  /// (empty: all); Conflict if unknown.
  virtual Result<WriteOutcome> set_staff_password(const std::string& username, const std::string& password_hash,
                                                  const std::string& keep_token_hash) = 0;

  // Uploads (file bytes live in the blob store; this is the resident's claim on them).
  /// Records the upload; Refused (nothing written) when a new one would exceed the quota
  /// (the same file again is never counted twice).
  virtual Result<WriteOutcome> put_upload(const Upload& u, const DailyQuota& quota) = 0;
  /// The resident's uploads created at or after `since`: how many, and their bytes.
  virtual Result<Usage> uploads_since(const std::string& resident_id, Timestamp since) = 0;
  /// The resident's upload with that hash, or nullopt.
  virtual Result<std::optional<Upload>> upload(const std::string& resident_id, const std::string& sha256) = 0;
  /// Whether any application the staff can see references the hash — decided by the caller;
  /// this returns any one upload row with the hash (for its kind), or nullopt.
  virtual Result<std::optional<Upload>> any_upload(const std::string& sha256) = 0;

  // Applications.
  /// The stored response of an idempotency key, or nullopt.
  virtual Result<std::optional<IdempotentResponse>> idempotent(const std::string& resident_id,
                                                               const std::string& key) = 0;
  /// Inserts the application and its first event durably. With a key, the response is
  /// recorded in the same transaction; if the key is already there, nothing is written and
  /// `existing` receives it (Conflict). Refused (nothing written) when the resident already
  /// submitted `quota.max_count` applications since `quota.since` (0: no cap).
  virtual Result<WriteOutcome> create_application(const Application& a, const Event& first, const std::string& idem_key,
                                                  const IdempotentResponse& response,
                                                  std::optional<IdempotentResponse>* existing,
                                                  const DailyQuota& quota = {}) = 0;
  virtual Result<std::optional<Application>> application(const std::string& id) = 0;
  /// Every application of the resident, newest first.
  virtual Result<std::vector<Application>> applications_of_resident(const std::string& resident_id) = 0;
  /// One page of the resident's applications, newest first.
  virtual Result<Page<Application>> applications_of_resident_page(const std::string& resident_id,
                                                                  const PageRequest& page) = 0;
  /// Every application of a window (all windows when empty) whose status is in `statuses`,
  /// oldest first (whole lists for the server's own jobs; people page through them).
  virtual Result<std::vector<Application>> applications_by_status(const std::string& window,
                                                                  const std::vector<workflow::AppStatus>& statuses) = 0;
  /// One page of the same list, with the whole list's count.
  virtual Result<Page<Application>> applications_by_status_page(const std::string& window,
                                                                const std::vector<workflow::AppStatus>& statuses,
                                                                const PageRequest& page) = 0;
  /// The same list (all windows when empty), each application with its tasks, in one snapshot:
  /// for summaries over every open application (the supervisor's overview) without one query
  /// per application.
  virtual Result<std::vector<ApplicationWithTasks>> applications_with_tasks(
      const std::string& window, const std::vector<workflow::AppStatus>& statuses) = 0;
  /// The applications with these ids (unknown ones left out), each with its tasks, oldest first.
  virtual Result<std::vector<ApplicationWithTasks>> applications_with_tasks_by_id(
      const std::vector<std::string>& ids) = 0;
  virtual Result<std::vector<Task>> tasks_of(const std::string& application_id) = 0;
  virtual Result<std::optional<Task>> task(const std::string& id) = 0;
  /// Tasks of a department (all when empty) whose status is in `statuses`.
  virtual Result<std::vector<Task>> tasks_by_department(const std::string& department,
                                                        const std::vector<workflow::TaskStatus>& statuses) = 0;
  /// One page of the same list (least recently updated first), with the whole list's count.
  virtual Result<Page<Task>> tasks_by_department_page(const std::string& department,
                                                      const std::vector<workflow::TaskStatus>& statuses,
                                                      const PageRequest& page) = 0;
  virtual Result<std::vector<Event>> events_of(const std::string& application_id) = 0;
  virtual Result<std::vector<Licence>> licences_of(const std::string& resident_id) = 0;
  virtual Result<std::vector<Licence>> licences_of_application(const std::string& application_id) = 0;
  /// Whether the application's form references a file with this content hash (the staff's
  /// access check on an upload); false for an unknown application. Error `storage_error`.
  virtual Result<bool> application_has_file(const std::string& application_id, const std::string& sha256) = 0;
  /// Applies a workflow step atomically and durably; Conflict if a precondition failed.
  virtual Result<WriteOutcome> apply(Change& c) = 0;
  /// The decided reviews of the query's days, summed per department or item (in id order):
  /// the supervision center's on-time figures.
  virtual Result<std::vector<ResultGroup>> result_groups(const ResultQuery& q, ResultBy by) = 0;
  /// The issued applications of the query's days, summed per target (item or bundle) or window
  /// (in id order): the supervision center's time per stage and bundle reductions.
  virtual Result<std::vector<StageGroup>> stage_groups(const StageQuery& q, StageBy by) = 0;
  /// Deferred (容缺) materials supplied on days [from_day, to_day], per window (in id order).
  virtual Result<std::vector<DeferralGroup>> deferral_groups(std::int32_t from_day, std::int32_t to_day) = 0;
  /// The issued applications of the query, in issue day and id order, the first `limit` after
  /// (after_day, after_id) (0 and "" for the first): a page of the 办结明细 export.
  virtual Result<std::vector<ApplicationResult>> application_results_after(const StageQuery& q, std::int32_t after_day,
                                                                           const std::string& after_id,
                                                                           std::int64_t limit) = 0;
  /// Stores a 催办 on a task that is still open (reviewing or paused) with its timeline event;
  /// Conflict (nothing written) when the task is decided, or when an automatic one of that
  /// level exists already. The stored id is written back.
  virtual Result<WriteOutcome> add_reminder(ReminderRecord& r, const Event& e) = 0;
  /// 催办 sent in [since, until), per department (in id order).
  virtual Result<std::vector<ReminderGroup>> reminder_groups(Timestamp since, Timestamp until) = 0;
  /// The one-window steps taken on each day of [from_day, to_day] (of one window; all when
  /// empty), from the timeline events; days without any are left out.
  virtual Result<std::vector<VolumeDay>> volume_days(std::int32_t from_day, std::int32_t to_day,
                                                     const std::string& window) = 0;
  /// Ratings of the query's days, summed per key of its dimension (in key order) or per month.
  virtual Result<std::vector<RatingGroup>> rating_groups(const RatingQuery& q) = 0;
  /// The follow-ups of bad ratings (of one window; all when empty): the open ones (oldest
  /// first) or the answered ones (latest answer first), at most `limit`.
  virtual Result<std::vector<RatingFollowUp>> follow_ups(bool open, const std::string& window, std::int64_t limit) = 0;
  virtual Result<std::optional<RatingFollowUp>> follow_up(const std::string& application_id) = 0;
  /// Records the answer of an open follow-up; Conflict when it is answered already or unknown.
  virtual Result<WriteOutcome> answer_follow_up(const RatingFollowUp& answered) = 0;
  /// Keeps the supervision figures of past days as daily counts (migration 12): rolls the
  /// decisions, ratings and one-window events of the days after the last rolled one, at most
  /// `max_days` of them and none after `through_day`, up in one transaction. Returns the last
  /// rolled day now. A concurrent roll-up by another server wins (this one writes nothing). The
  /// figures read the counts up to that day and the facts after it, in one statement, so they
  /// are the same before and after a roll-up. Facts must never be written for rolled days:
  /// callers roll up only days that are over on every server's clock.
  virtual Result<std::int32_t> roll_up_supervision(std::int32_t through_day, std::int32_t max_days) = 0;
  /// Forgets the daily counts (after history was written into the past: `yilu demo-year`); the
  /// next roll-up starts again from the first day.
  virtual std::optional<Error> reset_supervision_rollup() = 0;
  /// Accepted applications (of a window, all when empty) with a deferred material still owed.
  virtual Result<std::vector<Application>> applications_owing(const std::string& window) = 0;

  // Notifications (站内消息).
  /// The resident's notifications, newest first (at most `limit`).
  virtual Result<std::vector<Notification>> notifications_of(const std::string& resident_id, std::int64_t limit) = 0;
  /// One page of the resident's notifications, newest first, with their count.
  virtual Result<Page<Notification>> notifications_page(const std::string& resident_id, const PageRequest& page) = 0;
  /// How many of the resident's notifications are unread.
  virtual Result<std::int64_t> unread_count(const std::string& resident_id) = 0;
  /// Marks one notification of the resident read (`id` > 0) or all of them (`id` == 0);
  /// Conflict when `id` is not the resident's.
  virtual Result<WriteOutcome> mark_read(const std::string& resident_id, std::int64_t id, Timestamp now) = 0;
  /// Stores a notification outside a workflow step (a reminder); Conflict when one with the
  /// same non-empty `dedupe` exists. The stored id is written back.
  virtual Result<WriteOutcome> add_notification(Notification& n) = 0;

  // Shared short-lived state (sign-in codes, rate limits, sign-in backoff).
  /// Reads the entries of `keys` (in that order; value "" when absent or expired), lets
  /// `update` change them, and writes back what it leaves (an empty value removes the entry),
  /// atomically with respect to every server on the database. `update` may run more than once
  /// (it must start from the entries it is given each time). Error `storage_*`.
  virtual std::optional<Error> update_shared(const std::vector<std::string>& keys, Timestamp now,
                                             const std::function<void(std::vector<SharedEntry>&)>& update) = 0;

  // The audit trail (append-only).
  virtual std::optional<Error> append_audit(const AuditEntry& e) = 0;

  /// Stores a published calendar with the due dates it changed, in one transaction; sets v.id.
  virtual std::optional<Error> publish_calendar(CalendarVersion& v, const std::vector<DueChange>& changes) = 0;
  /// The newest published calendar, with its text; none before the first publication.
  virtual Result<std::optional<CalendarVersion>> latest_calendar() = 0;
  /// The id of the newest published calendar (0: none): what every server polls.
  virtual Result<std::int64_t> latest_calendar_id() = 0;
  /// Published calendars, newest first, without their text.
  virtual Result<std::vector<CalendarVersion>> calendar_versions(std::int64_t limit) = 0;
  /// The due dates calendar `id` changed, by application id.
  virtual Result<std::vector<DueChange>> due_changes(std::int64_t calendar_id) = 0;

  /// Stores a catalog version; sets v.id.
  virtual std::optional<Error> put_catalog_version(CatalogVersion& v) = 0;
  /// One version with its text (none when unknown).
  virtual Result<std::optional<CatalogVersion>> catalog_version(std::int64_t id) = 0;
  /// The id of the newest version (0: none): what every server polls.
  virtual Result<std::int64_t> latest_catalog_id() = 0;
  /// The newest version with this fingerprint, without its text (none when never stored).
  virtual Result<std::optional<CatalogVersion>> catalog_version_by_fingerprint(const std::string& fingerprint) = 0;
  /// Versions, newest first, without their text.
  virtual Result<std::vector<CatalogVersion>> catalog_versions(std::int64_t limit) = 0;
  /// One page of the entries matching the query, newest first.
  virtual Result<Page<AuditEntry>> audit_page(const AuditQuery& q, const PageRequest& page) = 0;
};

}  // namespace yilu::server
