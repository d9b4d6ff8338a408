#include "demo/demo_year.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "http/submission.hpp"
#include "step_facts.hpp"
#include "workflow/actions.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/rating_facts.hpp"
#include "workflow/reminding.hpp"
#include "yilu/date.hpp"
#include "yilu/validation.hpp"

namespace yilu::server::demo {

namespace {

using json = nlohmann::json;
using workflow::AppStatus;
using workflow::TaskStatus;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kHour = 3600;

// What a resident may file: an item or bundle with the checked form of its example.
struct Target {
  std::string kind;
  std::string id;
  http::CheckedForm form;
  int weight = 1;
};

// A department's habits: how much of its promised limit a review takes, how often it is late,
// pauses (听证、专家评审) or extends, and how its residents rate it.
struct Habits {
  double pace = 0.5;     ///< share of the limit a review usually takes
  double late = 0.02;    ///< share of reviews that run past the limit
  double pause = 0.04;   ///< share of reviews paused once
  double extend = 0.02;  ///< share of reviews extended (法定延长)
  double reject = 0.03;  ///< share of reviews rejected
  double bad = 0.02;     ///< share of ratings that are bad (1–2)
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64: a seed per application from (seed, index)
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

Habits habits_of(const std::string& department, std::uint64_t seed) {
  std::uint64_t h = mix(seed ^ std::hash<std::string>{}(department));
  const auto unit = [&] {
    h = mix(h);
    return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);
  };
  Habits d;
  d.pace = 0.25 + 0.5 * unit();
  // One department in five is slow: often late, more bad ratings.
  const bool slow = unit() < 0.2;
  d.late = slow ? 0.12 + 0.15 * unit() : 0.01 + 0.03 * unit();
  d.pause = 0.02 + 0.06 * unit();
  d.extend = 0.01 + 0.03 * unit();
  d.reject = 0.01 + 0.04 * unit();
  d.bad = slow ? 0.06 + 0.06 * unit() : 0.01 + 0.02 * unit();
  return d;
}

// The next moment a window or department works: 09:00–17:30 CST on Monday to Friday.
Timestamp office(Timestamp t) {
  for (int guard = 0; guard < 14; ++guard) {
    const Date d = cst_date(t);
    const Timestamp day_start = cst_end_of_day(d) + 1 - kDay;
    const Timestamp open = day_start + 9 * kHour;
    const Timestamp close = day_start + 17 * kHour + 30 * 60;
    if (iso_weekday(d) <= 5) {
      if (t < open) return open;
      if (t < close) return t;
    }
    t = day_start + kDay;
  }
  return t;
}

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                 "吴", "周", "徐", "孙", "符", "林", "邢"};
const char* const kGiven[] = {"晓燕", "建国", "丽华", "海峰", "一鸣", "秀英", "志强", "婷婷", "明", "芳", "伟", "敏"};

const char* const kGoodComments[] = {"", "", "办事很快", "窗口态度好", "手机上就办好了", "一次都没跑"};
const char* const kBadComments[] = {"等了太久", "材料要求没说清楚", "补正了两次", "电话打不通"};

// One application's life, step by step at simulated times, each step the workflow's action
// written through the store (and the application and its tasks read back, as a person's next
// request would).
class Life {
 public:
  Life(App& app, const DemoYearOptions& o, std::uint64_t seed) : app_(app), o_(o), rng_(seed) {}

  std::int64_t steps = 0;
  std::int64_t reminders = 0;
  std::optional<Error> error;
  AppStatus status() const { return a_.status; }

  double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }

  // Files the application at `t`; false when it could not be stored.
  bool file(Application a, const Resident& r) {
    resident_ = workflow::Actor{r, std::nullopt};
    Event ev{0, a.id, "", "submitted", "resident", r.id, "", a.submitted_at, json{{"verdict", a.verdict}}.dump()};
    auto w = app_.store->create_application(a, ev, "", IdempotentResponse{}, nullptr);
    if (!w.ok()) return fail(w.error());
    if (w.value() != WriteOutcome::Done) return false;
    a_ = std::move(a);
    clerk_ = staff("clerk-" + a_.window, workflow::Role::Clerk);
    clerk_.staff->window = a_.window;
    if (const Window* w2 = app_.catalog->window(a_.window)) clerk_.staff->display_name = w2->name;
    return true;
  }

  void live() {
    Timestamp t = a_.submitted_at;
    const Catalog& cat = *app_.catalog;
    const ItemDef* item = a_.kind == "item" ? cat.item(a_.target_id) : nullptr;
    if (item && item->instant && a_.verdict == "acceptable") {
      if (!write(workflow::instant_decision(a_, cat, licence_ids(), t))) return;
      return rate_it(t);
    }
    if (unit() < 0.03) {
      t += between(1, 20) * kHour;
      if (t <= o_.until) write(workflow::withdraw(a_, resident_, "已到线下办理", t));
      return;
    }
    t = office(t + between(1, 40) * kHour);
    if (t > o_.until) return;
    if (unit() < 0.04) {
      write(workflow::refuse(a_, clerk_, "申请事项不属于本中心受理范围", t));
      return;
    }
    if (unit() < 0.12) {
      SupplementNotice n;
      n.note = "请补正材料后重新提交";
      if (!a_.materials.empty()) n.missing.push_back(a_.materials.front().material_id);
      n.at = t;
      if (!write(workflow::request_supplement(a_, clerk_, n, t))) return;
      if (unit() < 0.08) return;  // never answered
      t += between(1, 6) * kDay + between(0, 8) * kHour;
      if (t > o_.until) return;
      const Application revised = a_;
      if (!write(workflow::resubmit(a_, resident_, revised, t))) return;
      t = office(t + between(1, 30) * kHour);
      if (t > o_.until) return;
    }
    if (!write(workflow::accept(a_, clerk_, t))) return;
    // Stage by stage (an item has one): dispatch, the departments decide, the window issues.
    for (int stage_guard = 0; stage_guard < 8 && a_.status == AppStatus::Accepted; ++stage_guard) {
      t = office(t + between(5, 120) * 60);
      if (t > o_.until) return;
      if (!write(workflow::dispatch(a_, clerk_, cat, t))) return;
      if (!review(t)) return;
      if (a_.status != AppStatus::ReadyForIssue) break;
      t = office(t + between(1, 40) * kHour);
      if (t > o_.until) return;
      std::vector<std::string> owed;  // ids first: write() replaces a_ and its materials
      for (const MaterialRecord* m : workflow::owed_materials(a_)) owed.push_back(m->material_id);
      for (const std::string& id : owed)
        if (!write(workflow::supply(a_, clerk_, id, {}, "窗口收到纸质材料", t))) return;
      std::vector<Task> tasks = tasks_;
      if (!write(workflow::issue(a_, tasks, clerk_, cat, licence_ids(), t))) return;
    }
    check_commitments(t);
    rate_it(t);
  }

 private:
  // The open reviews of the running stage, each decided by its department at its own pace; the
  // steps of all of them in time order. False when the year ended first or a step failed.
  bool review(Timestamp& t) {
    // A department's step on its task, or (no action) a supervisor's 催办 on it.
    struct Planned {
      Timestamp at;
      std::string task_id;
      std::optional<workflow::TaskAction> action;
      std::int64_t days = 0;
    };
    std::vector<Planned> plan;
    const Timestamp start = t;
    Timestamp last = t;
    for (const Task& k : tasks_) {
      if (k.kind != workflow::TaskKind::Review || k.status != TaskStatus::Reviewing) continue;
      const Habits h = habits_of(k.department, o_.seed);
      const ItemDef* item = app_.catalog->item(k.item_id);
      const double limit = static_cast<double>(item && item->promised_days > 0 ? item->promised_days : 5);
      // Working days to calendar days: five in seven.
      const bool late = unit() < h.late;
      const double share = late ? 1.05 + 0.6 * unit() : std::min(0.97, h.pace * (0.4 + 1.0 * unit()));
      Timestamp span = static_cast<Timestamp>(share * limit * 1.4 * kDay);
      if (unit() < h.pause) {
        const Timestamp p = start + span / 2;
        const Timestamp back = p + between(2, 8) * kDay;
        plan.push_back({office(p), k.id, workflow::TaskAction::Pause});
        plan.push_back({office(back), k.id, workflow::TaskAction::Resume});
        span += back - p;
      }
      if (unit() < h.extend) {
        plan.push_back({office(start + span * 6 / 10), k.id, workflow::TaskAction::Extend,
                        std::max<std::int64_t>(1, static_cast<std::int64_t>(limit / 2))});
      }
      if (late && unit() < 0.6)
        plan.push_back({office(start + static_cast<Timestamp>(limit * 1.4 * kDay)), k.id, std::nullopt});
      const Timestamp decided = office(start + std::max<Timestamp>(span, kHour));
      plan.push_back({decided, k.id, unit() < h.reject ? workflow::TaskAction::Reject : workflow::TaskAction::Approve});
      last = std::max(last, decided);
    }
    std::stable_sort(plan.begin(), plan.end(), [](const Planned& x, const Planned& y) { return x.at < y.at; });
    for (const Planned& p : plan) {
      if (!escalate_until(std::min(p.at, o_.until))) return false;
      if (p.at > o_.until) return false;
      const Task* k = task(p.task_id);
      if (!k) return false;
      const auto reviewer = staff("reviewer-" + k->department, workflow::Role::Reviewer);
      if (!p.action) {
        if (!remind(*k, p.at)) return false;
        continue;
      }
      const workflow::TaskAction action = *p.action;
      const char* why = action == workflow::TaskAction::Reject   ? "不符合法定条件，不予许可"
                        : action == workflow::TaskAction::Pause  ? "组织专家评审，期间不计时"
                        : action == workflow::TaskAction::Extend ? "情况复杂，经负责人批准延长"
                                                                 : "同意";
      if (!write(workflow::act_on_task(a_, *k, reviewer, action, why, p.days, p.at))) return false;
    }
    t = last;
    return true;
  }

  // The automatic 催办 the server's five-minute job raises on an open review when it turns red
  // (due today) and overdue (the day after): each at that moment, for every level reached by `t`.
  bool escalate_until(Timestamp t) {
    const json answers = workflow::answers_of(a_);
    const std::vector<Task> open = tasks_;  // add_reminder's reload replaces tasks_
    for (const Task& k : open) {
      if (k.kind != workflow::TaskKind::Review || !workflow::is_open(k.status)) continue;
      const auto due = workflow::task_due(*app_.engine(), answers, k, t);
      if (!due) continue;
      const Timestamp red_at = cst_end_of_day(due->deadline.due_date) + 1 - kDay + 300;
      for (const auto& [level, at] :
           {std::pair{Supervision::Red, red_at}, std::pair{Supervision::Overdue, red_at + kDay}}) {
        if (at > t || at < k.started_at) continue;
        const Task* now = task(k.id);
        if (!now) break;
        auto r = workflow::escalation_due(*now, level, at);
        if (!r) continue;
        auto w = app_.store->add_reminder(*r, workflow::reminder_event(*r));
        if (!w.ok()) return fail(w.error());
        ++reminders;
        if (!reload()) return false;
      }
    }
    return true;
  }

  // A supervisor's 催办 on a review running late.
  bool remind(const Task& k, Timestamp at) {
    const auto by = staff("supervisor", workflow::Role::Supervisor);
    auto r = workflow::staff_reminder(k, *by.staff, "已超承诺时限，请尽快办结", at);
    if (!r.ok()) return true;  // decided meanwhile: nothing to press
    ReminderRecord rec = r.value();
    auto w = app_.store->add_reminder(rec, workflow::reminder_event(rec));
    if (!w.ok()) return fail(w.error());
    ++reminders;
    return reload();
  }

  // 告知承诺 post-checks (核查) after issue: each department checks within weeks.
  void check_commitments(Timestamp t) {
    const std::vector<Task> issued_with = tasks_;  // write() replaces tasks_
    for (const Task& k : issued_with) {
      if (k.kind != workflow::TaskKind::Check || k.status != TaskStatus::Reviewing) continue;
      const Timestamp at = office(t + between(3, 15) * kDay);
      if (at > o_.until) continue;
      const Task* now = task(k.id);
      if (!now) return;
      const auto reviewer = staff("reviewer-" + k.department, workflow::Role::Reviewer);
      if (!write(workflow::act_on_task(a_, *now, reviewer, workflow::TaskAction::Approve, "核查属实", 0, at))) return;
    }
  }

  // 好差评: six residents in ten rate; the department that decided sets the mood.
  void rate_it(Timestamp t) {
    if (a_.status != AppStatus::Issued && a_.status != AppStatus::PartiallyIssued && a_.status != AppStatus::Rejected)
      return;
    if (unit() >= 0.6) return;
    t += between(1, 72) * kHour;
    if (t > o_.until) return;
    const ItemDef* first = a_.items.empty() ? nullptr : app_.catalog->item(a_.items.front());
    const Habits h = habits_of(first ? first->department : std::string(), o_.seed);
    Rating r;
    const double u = unit();
    if (u < h.bad) {
      r.score = between(1, 2);
      r.comment = pick(kBadComments);
    } else {
      r.score = u < h.bad + 0.06 ? 3 : (unit() < 0.75 ? 5 : 4);
      r.comment = pick(kGoodComments);
    }
    auto step = workflow::rate(a_, resident_, std::move(r), t);
    if (step.ok()) workflow::add_rating_records(step.value(), app_.catalog, clerk_.staff->username);
    write(std::move(step));
  }

  template <std::size_t N>
  const char* pick(const char* const (&list)[N]) {
    return list[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(N) - 1))];
  }

  bool write(Result<Change> r) {
    if (!r.ok()) return false;  // the workflow refuses: this life ends where it stands
    Change& c = r.value();
    if (auto e = add_step_facts(app_, c)) return fail(*e);
    auto w = app_.store->apply(c);
    if (!w.ok()) return fail(w.error());
    if (w.value() != WriteOutcome::Done) return false;
    ++steps;
    return reload();
  }

  // The application and its tasks as stored now, as a person's next request would see them.
  bool reload() {
    auto a = app_.store->application(a_.id);
    if (!a.ok()) return fail(a.error());
    if (!a.value()) return false;
    a_ = std::move(*a.value());
    auto ts = app_.store->tasks_of(a_.id);
    if (!ts.ok()) return fail(ts.error());
    tasks_ = std::move(ts.value());
    return true;
  }

  bool fail(const Error& e) {
    if (!error) error = e;
    return false;
  }

  const Task* task(const std::string& id) const {
    for (const Task& k : tasks_)
      if (k.id == id) return &k;
    return nullptr;
  }

  workflow::Actor staff(const std::string& username, workflow::Role role) const {
    StaffAccount s;
    s.username = username;
    s.display_name = username;
    s.role = role;
    if (role == workflow::Role::Reviewer) {
      s.department = username.substr(std::string("reviewer-").size());
      if (const Department* d = app_.catalog->department(s.department)) s.display_name = d->name + " 审批";
    } else if (role == workflow::Role::Supervisor) {
      s.display_name = "督办";
    }
    return workflow::Actor{std::nullopt, s};
  }

  std::function<std::string()> licence_ids() {
    return [this] { return "L" + a_.id.substr(2) + "-" + std::to_string(++licences_); };
  }

  App& app_;
  const DemoYearOptions& o_;
  std::mt19937_64 rng_;
  Application a_;
  std::vector<Task> tasks_;
  workflow::Actor resident_;
  workflow::Actor clerk_;
  int licences_ = 0;
};

// Each item's example (and each bundle's, its items' examples together), checked by the core
// on the day it was written for: what residents file.
std::vector<Target> targets_of(const Catalog& cat) {
  std::vector<Target> out;
  const auto add = [&](const std::string& kind, const std::string& id, const json& application, Date as_of,
                       int weight) {
    http::CheckedForm f;
    f.application = application;
    if (kind == "item") {
      f.report = validate_item(cat, *cat.item(id), application, as_of, "");
    } else {
      f.report = validate_bundle(cat, *cat.bundle(id), application, as_of, "");
    }
    if (f.report.verdict == Verdict::NotAcceptable) return;
    f.checked_at = cst_end_of_day(as_of) - kDay + 1 + 10 * kHour;
    out.push_back(Target{kind, id, std::move(f), weight});
  };
  const auto as_of_of = [](const json& example) {
    const auto d = parse_date(example.value("as_of", std::string()));
    return d ? *d : Date{};
  };
  for (const ItemDef& i : cat.items()) {
    if (!i.example.is_object() || !i.example.contains("application")) continue;
    // Some matters are filed far more often than others: a weight of 1–6 drawn from the id.
    const int weight = 1 + static_cast<int>(mix(std::hash<std::string>{}(i.id)) % 6);
    add("item", i.id, i.example["application"], as_of_of(i.example), weight);
  }
  for (const BundleDef& b : cat.bundles()) {
    json merged = {{"answers", json::object()}, {"fields", json::object()}, {"materials", json::object()}};
    Date as_of{};
    for (const Stage& st : b.stages)
      for (const std::string& id : st.items) {
        const ItemDef* i = cat.item(id);
        if (!i || !i->example.contains("application")) continue;
        const json& ex = i->example["application"];
        for (const char* k : {"answers", "fields", "materials"})
          if (ex.contains(k) && ex[k].is_object()) merged[k].update(ex[k]);
        as_of = std::max(as_of, as_of_of(i->example));
      }
    add("bundle", b.id, merged, as_of, 4);
  }
  return out;
}

}  // namespace

Result<DemoYearStats> fill_demo_year(App& app, const DemoYearOptions& o) {
  if (!app.catalog) return Error{"catalog_not_loaded", "没有加载事项目录", ""};
  const std::vector<Target> targets = targets_of(*app.catalog);
  if (targets.empty()) return Error{"catalog_not_loaded", "目录中没有可用的示例申请", ""};
  std::vector<int> cumulative;
  cumulative.reserve(targets.size());
  int sum = 0;
  for (const Target& t : targets) cumulative.push_back(sum += t.weight);

  const std::int64_t total = std::max<std::int64_t>(0, o.applications);
  const std::int64_t resident_count = std::clamp<std::int64_t>(total / 3, 50, 200000);
  const int threads = std::max(1, o.threads);
  std::vector<Resident> residents(static_cast<std::size_t>(resident_count));
  std::mutex mu;
  std::optional<Error> error;
  const auto failed = [&](const Error& e) {
    std::lock_guard<std::mutex> lock(mu);
    if (!error) error = e;
  };
  const Timestamp first_day = o.until - static_cast<Timestamp>(std::max(1, o.days)) * kDay;
  const auto run = [&](const std::function<void(std::int64_t)>& each, std::int64_t n) {
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    std::atomic<std::int64_t> next{0};
    for (int k = 0; k < threads; ++k)
      pool.emplace_back([&] {
        for (std::int64_t i; (i = next++) < n;) {
          {
            std::lock_guard<std::mutex> lock(mu);
            if (error) return;
          }
          each(i);
        }
      });
    for (auto& th : pool) th.join();
  };

  // Residents first (138 0000 0000 + k), with a name.
  run(
      [&](std::int64_t k) {
        char phone[16];
        std::snprintf(phone, sizeof phone, "138%08lld", static_cast<long long>(k));
        auto r = app.store->resident_by_phone(phone, first_day);
        if (!r.ok()) return failed(r.error());
        Resident res = r.value();
        if (res.name.empty()) {
          const auto u = static_cast<std::uint64_t>(k);
          res.name = std::string(kSurnames[mix(o.seed + u) % std::size(kSurnames)]) +
                     kGiven[mix(o.seed ^ (u * 7919)) % std::size(kGiven)];
          if (auto e = app.store->set_profile(res.id, res.name, res.id_number)) return failed(*e);
        }
        residents[static_cast<std::size_t>(k)] = std::move(res);
      },
      resident_count);
  if (error) return *error;

  DemoYearStats stats;
  stats.targets = static_cast<std::int64_t>(targets.size());
  std::atomic<std::int64_t> done{0};
  run(
      [&](std::int64_t i) {
        Life life(app, o, mix(o.seed * 0x100000001B3ULL + static_cast<std::uint64_t>(i)));
        const int pick = static_cast<int>(life.between(1, sum));
        const Target& target = targets[static_cast<std::size_t>(
            std::lower_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin())];
        const Resident& who = residents[static_cast<std::size_t>(life.between(0, resident_count - 1))];
        // Filed any hour from 07:00 to 23:00, fewer at weekends.
        Timestamp at = first_day + life.between(0, std::max(1, o.days) - 1) * kDay;
        if (iso_weekday(cst_date(at)) >= 6 && life.unit() < 0.7) at += 2 * kDay;
        at = cst_end_of_day(cst_date(at)) + 1 - kDay + life.between(7 * 3600, 23 * 3600 - 1);
        if (at > o.until) at = o.until - life.between(60, 6 * 3600);
        http::CheckedForm form = target.form;
        form.checked_at = at;  // a commitment is signed when the application is filed
        Application a = http::new_application(app, who.id, target.kind, target.id, form, at);
        char id[48];
        const Ymd d = ymd_from_date(cst_date(at));
        std::snprintf(id, sizeof id, "YL%04d%02d%02d-d%09llx", d.year, d.month, d.day,
                      static_cast<unsigned long long>(i) & 0xFFFFFFFFFULL);
        a.id = id;
        if (life.file(std::move(a), who)) life.live();
        if (life.error) return failed(*life.error);
        {
          std::lock_guard<std::mutex> lock(mu);
          stats.steps += life.steps + 1;
          stats.reminders += life.reminders;
          ++stats.by_status[workflow::name(life.status())];
        }
        const std::int64_t n = ++done;
        if (o.progress && (n % 500 == 0 || n == total)) o.progress(n, total);
      },
      total);
  if (error) return *error;
  // History was written into the past: daily counts of those days, if any, are out of date.
  if (auto e = app.store->reset_supervision_rollup()) return *e;
  stats.applications = done.load();
  return stats;
}

}  // namespace yilu::server::demo
