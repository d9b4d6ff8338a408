#include "calendar_pub/calendar_publication.hpp"

#include "http/prepared_body.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/model.hpp"

namespace yilu::server {

Result<std::shared_ptr<const CalendarState>> make_calendar_state(const Engine& with_catalog, std::string text,
                                                                 std::int64_t id) {
  auto engine = with_catalog.with_calendar(text);
  if (!engine.ok()) return engine.error();
  auto s = std::make_shared<CalendarState>();
  s->engine = std::move(engine.value());
  s->id = id;
  // The page caches the calendar by its version (ETag) and revalidates: a published calendar
  // reaches the phones on their next visit.
  s->body = std::make_unique<const http::PreparedBody>(
      http::PreparedBody::make(text, "application/json; charset=utf-8", "\"" + s->engine.calendar()->version() + "\""));
  s->text = std::move(text);
  return std::shared_ptr<const CalendarState>(std::move(s));
}

namespace {

// Only one thread of this server swaps the calendar at a time (a publication, the poll).
std::mutex& swap_mutex() {
  static std::mutex mu;
  return mu;
}

void put_in_force(App& app, std::shared_ptr<const CalendarState> s) {
  app.set_calendar_state(std::move(s));
  // Levels and due dates of the overview came from the old calendar.
  std::lock_guard<std::mutex> lock(app.overview.mu);
  app.overview.summary.reset();
}

}  // namespace

Result<bool> adopt_published_calendar(App& app) {
  auto latest_id = app.store->latest_calendar_id();
  if (!latest_id.ok()) return latest_id.error();
  const auto current = app.calendar_state();
  if (latest_id.value() == 0 || latest_id.value() == current->id) return false;
  std::lock_guard<std::mutex> lock(swap_mutex());
  auto latest = app.store->latest_calendar();
  if (!latest.ok()) return latest.error();
  if (!latest.value() || latest.value()->id == app.calendar_state()->id) return false;
  if (latest.value()->last_year < app.calendar_state()->engine.calendar()->last_year()) return false;
  auto state = make_calendar_state(current->engine, std::move(latest.value()->text), latest.value()->id);
  if (!state.ok()) return state.error();
  put_in_force(app, std::move(state.value()));
  return true;
}

Result<std::vector<DueChange>> due_changes_between(App& app, const Engine& before, const Engine& after, Timestamp now) {
  auto open = app.store->applications_with_tasks("", workflow::open_statuses());
  if (!open.ok()) return open.error();
  std::vector<DueChange> out;
  for (const auto& [a, tasks] : open.value()) {
    // Each application by the catalog version it was filed under.
    const auto catalog = app.catalog_version(a.catalog_version)->catalog;
    const auto b = workflow::application_due(before.with_catalog(catalog), a, tasks, now);
    const auto n = workflow::application_due(after.with_catalog(catalog), a, tasks, now);
    DueChange d;
    d.application_id = a.id;
    if (b) d.before_on = b->deadline.due_date.days, d.before_provisional = b->deadline.provisional;
    if (n) d.after_on = n->deadline.due_date.days, d.after_provisional = n->deadline.provisional;
    if (d.before_on != d.after_on || d.before_provisional != d.after_provisional) out.push_back(std::move(d));
  }
  return out;
}

Result<Publication> publish_calendar(App& app, std::string text, const std::string& summary, int last_year,
                                     const std::string& by, bool dry_run) {
  std::lock_guard<std::mutex> lock(swap_mutex());
  const auto current = app.calendar_state();
  auto state = make_calendar_state(current->engine, std::move(text), 0);
  if (!state.ok()) return state.error();
  const Timestamp now = app.now();
  auto changes = due_changes_between(app, current->engine, state.value()->engine, now);
  if (!changes.ok()) return changes.error();
  Publication p;
  p.version = CalendarVersion{0, state.value()->text, last_year, now, by, summary};
  p.changes = std::move(changes.value());
  if (dry_run) return p;
  if (auto e = app.store->publish_calendar(p.version, p.changes)) return *e;
  auto in_force = std::const_pointer_cast<CalendarState>(state.value());
  in_force->id = p.version.id;
  put_in_force(app, std::move(in_force));
  p.version.text.clear();
  return p;
}

}  // namespace yilu::server
