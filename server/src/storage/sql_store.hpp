#pragma once
// The Store over SQL: one implementation of every storage rule, on either database (the
// embedded SQLite file or a shared PostgreSQL server: storage/database.hpp).
#include <memory>
#include <string>

#include "storage/database.hpp"
#include "storage/store.hpp"

namespace yilu::server {

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<db::Database> d) : db_(std::move(d)) {}

  Result<int> schema_version() override;
  int expected_schema_version() const override;
  Result<Resident> resident_by_phone(const std::string& phone, Timestamp now) override;
  Result<std::optional<Resident>> resident(const std::string& id) override;
  std::optional<Error> set_profile(const std::string& id, const std::string& name,
                                   const std::string& id_number) override;
  std::optional<Error> put_session(const std::string& token_hash, const Session& s, Timestamp now) override;
  Result<std::optional<Session>> session(const std::string& token_hash, Timestamp now) override;
  std::optional<Error> delete_session(const std::string& token_hash) override;

  Result<WriteOutcome> create_staff(const StaffAccount& a, Timestamp now) override;
  Result<std::optional<StaffAccount>> staff(const std::string& username) override;
  Result<std::vector<StaffAccount>> list_staff() override;
  Result<WriteOutcome> disable_staff(const std::string& username) override;
  Result<WriteOutcome> set_staff_password(const std::string& username, const std::string& password_hash,
                                          const std::string& keep_token_hash) override;

  Result<WriteOutcome> put_upload(const Upload& u, const DailyQuota& quota) override;
  Result<Usage> uploads_since(const std::string& resident_id, Timestamp since) override;
  Result<std::optional<Upload>> upload(const std::string& resident_id, const std::string& sha256) override;
  Result<std::optional<Upload>> any_upload(const std::string& sha256) override;

  Result<std::optional<IdempotentResponse>> idempotent(const std::string& resident_id, const std::string& key) override;
  Result<WriteOutcome> create_application(const Application& a, const Event& first, const std::string& idem_key,
                                          const IdempotentResponse& response,
                                          std::optional<IdempotentResponse>* existing,
                                          const DailyQuota& quota = {}) override;
  Result<std::optional<Application>> application(const std::string& id) override;
  Result<std::vector<Application>> applications_of_resident(const std::string& resident_id) override;
  Result<std::vector<Application>> applications_by_status(const std::string& window,
                                                          const std::vector<workflow::AppStatus>& statuses) override;
  Result<Page<Application>> applications_of_resident_page(const std::string& resident_id,
                                                          const PageRequest& page) override;
  Result<Page<Application>> applications_by_status_page(const std::string& window,
                                                        const std::vector<workflow::AppStatus>& statuses,
                                                        const PageRequest& page) override;
  Result<std::vector<ApplicationWithTasks>> applications_with_tasks(
      const std::string& window, const std::vector<workflow::AppStatus>& statuses) override;
  Result<std::vector<ApplicationWithTasks>> applications_with_tasks_by_id(const std::vector<std::string>& ids) override;
  Result<std::vector<Task>> tasks_of(const std::string& application_id) override;
  Result<std::optional<Task>> task(const std::string& id) override;
  Result<std::vector<Task>> tasks_by_department(const std::string& department,
                                                const std::vector<workflow::TaskStatus>& statuses) override;
  Result<Page<Task>> tasks_by_department_page(const std::string& department,
                                              const std::vector<workflow::TaskStatus>& statuses,
                                              const PageRequest& page) override;
  Result<std::vector<Event>> events_of(const std::string& application_id) override;
  Result<std::vector<Licence>> licences_of(const std::string& resident_id) override;
  Result<std::vector<Licence>> licences_of_application(const std::string& application_id) override;
  Result<bool> application_has_file(const std::string& application_id, const std::string& sha256) override;
  Result<WriteOutcome> apply(Change& c) override;
  Result<std::vector<ResultGroup>> result_groups(const ResultQuery& q, ResultBy by) override;
  Result<std::vector<StageGroup>> stage_groups(const StageQuery& q, StageBy by) override;
  Result<std::vector<DeferralGroup>> deferral_groups(std::int32_t from_day, std::int32_t to_day) override;
  Result<std::vector<ApplicationResult>> application_results_after(const StageQuery& q, std::int32_t after_day,
                                                                   const std::string& after_id,
                                                                   std::int64_t limit) override;
  Result<WriteOutcome> add_reminder(ReminderRecord& r, const Event& e) override;
  Result<std::vector<RatingGroup>> rating_groups(const RatingQuery& q) override;
  Result<std::vector<VolumeDay>> volume_days(std::int32_t from_day, std::int32_t to_day,
                                             const std::string& window) override;
  Result<std::vector<RatingFollowUp>> follow_ups(bool open, const std::string& window, std::int64_t limit) override;
  Result<std::optional<RatingFollowUp>> follow_up(const std::string& application_id) override;
  Result<WriteOutcome> answer_follow_up(const RatingFollowUp& answered) override;
  Result<std::vector<ReminderGroup>> reminder_groups(Timestamp since, Timestamp until) override;
  Result<std::int32_t> roll_up_supervision(std::int32_t through_day, std::int32_t max_days) override;
  std::optional<Error> reset_supervision_rollup() override;
  Result<std::vector<Application>> applications_owing(const std::string& window) override;

  Result<std::vector<Notification>> notifications_of(const std::string& resident_id, std::int64_t limit) override;
  Result<std::int64_t> unread_count(const std::string& resident_id) override;
  Result<WriteOutcome> mark_read(const std::string& resident_id, std::int64_t id, Timestamp now) override;
  Result<WriteOutcome> add_notification(Notification& n) override;
  Result<Page<Notification>> notifications_page(const std::string& resident_id, const PageRequest& page) override;
  std::optional<Error> update_shared(const std::vector<std::string>& keys, Timestamp now,
                                     const std::function<void(std::vector<SharedEntry>&)>& update) override;
  std::optional<Error> append_audit(const AuditEntry& e) override;
  std::optional<Error> publish_calendar(CalendarVersion& v, const std::vector<DueChange>& changes) override;
  Result<std::optional<CalendarVersion>> latest_calendar() override;
  Result<std::int64_t> latest_calendar_id() override;
  Result<std::vector<CalendarVersion>> calendar_versions(std::int64_t limit) override;
  Result<std::vector<DueChange>> due_changes(std::int64_t calendar_id) override;
  std::optional<Error> put_catalog_version(CatalogVersion& v) override;
  Result<std::optional<CatalogVersion>> catalog_version(std::int64_t id) override;
  Result<std::int64_t> latest_catalog_id() override;
  Result<std::optional<CatalogVersion>> catalog_version_by_fingerprint(const std::string& fingerprint) override;
  Result<std::vector<CatalogVersion>> catalog_versions(std::int64_t limit) override;
  Result<Page<AuditEntry>> audit_page(const AuditQuery& q, const PageRequest& page) override;

 private:
  std::unique_ptr<db::Database> db_;
};

}  // namespace yilu::server
