#pragma once
// The holiday calendar as data an administrator maintains (docs/calendar.md, "Publishing a
// year's schedule"): the calendar in force is the shipped file or the newest one published in
// the database, whichever reaches the later year. Publishing stores the new calendar with the
// open applications whose due date it moved or made official, and puts it in force at once —
// here, and within seconds on every other server of the database (adopt_published_calendar,
// polled). No restart: calls in flight finish on the calendar they started with.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server {

/// A calendar state answering with `text` and the catalog of `with_catalog`; the core's error
/// when the text is not a valid calendar.
Result<std::shared_ptr<const CalendarState>> make_calendar_state(const Engine& with_catalog, std::string text,
                                                                 std::int64_t id);

/// Puts the database's newest calendar in force if it is not already and reaches at least the
/// in-force calendar's last year (a release shipping a newer file wins over an older
/// publication). True when it changed the calendar in force.
Result<bool> adopt_published_calendar(App& app);

/// The open applications whose due date (or its provisional mark) differs between two
/// engines at `now`.
Result<std::vector<DueChange>> due_changes_between(App& app, const Engine& before, const Engine& after, Timestamp now);

struct Publication {
  CalendarVersion version;
  std::vector<DueChange> changes;
};

/// Stores `text` as the newest calendar with the due dates it changes, and puts it in force.
/// `dry_run`: computes the changes and stores nothing.
Result<Publication> publish_calendar(App& app, std::string text, const std::string& summary, int last_year,
                                     const std::string& by, bool dry_run);

}  // namespace yilu::server
