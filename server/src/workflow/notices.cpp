#include "workflow/notices.hpp"

#include <nlohmann/json.hpp>

namespace yilu::server::workflow {

using nlohmann::json;

namespace {

std::string target_name(const Catalog* catalog, const Application& a) {
  if (catalog) {
    if (a.kind == "bundle") {
      if (const BundleDef* b = catalog->bundle(a.target_id)) return b->name;
    } else if (const ItemDef* i = catalog->item(a.target_id)) {
      return i->name;
    }
  }
  return a.target_id;
}

std::string item_name(const Catalog* catalog, const std::string& id) {
  const ItemDef* i = catalog ? catalog->item(id) : nullptr;
  return i ? i->name : id;
}

std::string department_name(const Catalog* catalog, const std::string& item_id) {
  const ItemDef* i = catalog ? catalog->item(item_id) : nullptr;
  const Department* d = i ? catalog->department(i->department) : nullptr;
  return d ? d->name : std::string();
}

std::string material_name(const Application& a, const std::string& id) {
  for (const auto& m : a.materials)
    if (m.material_id == id) return m.name;
  return id;
}

std::string str(const json& data, const char* key) {
  const auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The decided task of this step (for a department's rejection or pause).
const Task* task_of(const Change& c, const std::string& task_id) {
  for (const auto& [expected, t] : c.task_updates)
    if (t.id == task_id) return &t;
  return nullptr;
}

// Text pieces joined with one allocation (notices are built inside a loop over events).
std::string cat(std::initializer_list<std::string_view> parts) {
  std::size_t n = 0;
  for (auto p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (auto p : parts) out.append(p);
  return out;
}

struct Draft {
  const char* kind;
  std::string title;
  std::string body;
  std::string sms;
};

Notification make(const Application& a, Draft d, Timestamp at) {
  Notification n;
  n.resident_id = a.resident_id;
  n.application_id = a.id;
  n.kind = d.kind;
  n.title = std::move(d.title);
  n.body = std::move(d.body);
  n.sms = "【一鹿快办】" + d.sms + "详情请在“消息”中查看。";
  n.created_at = at;
  return n;
}

}  // namespace

std::vector<Notification> notices_for(const Catalog* catalog, const Change& c) {
  std::vector<Notification> out;
  const Application& a = c.updated;
  const std::string name = "「" + target_name(catalog, a) + "」";
  const std::string no = "（办件编号 " + a.id + "）";
  for (const Event& e : c.events) {
    const json data = json::parse(e.data, nullptr, false);
    const json d = data.is_object() ? data : json::object();
    if (e.kind == "accepted" && !a.instant) {
      std::string body = cat({"您的申请", name, no, "已受理，正在办理。"});
      std::string owed;
      for (const auto& m : a.materials)
        if (m.state == "deferred" && !m.supplied_at) owed.append(owed.empty() ? "" : "、").append(m.name);
      if (!owed.empty()) body.append("以下容缺材料请在期限内补交：").append(owed).append("。");
      out.push_back(make(a, {"accepted", "申请已受理", body, cat({name, "已受理。"})}, e.at));
    } else if (e.kind == "supplement_requested") {
      std::string list;
      int n = 0;
      if (d.contains("missing") && d["missing"].is_array())
        for (const auto& id : d["missing"])
          if (id.is_string())
            list.append(std::to_string(++n)).append(". ").append(material_name(a, id.get<std::string>())).append("\n");
      std::string body = cat({"您的申请", name, no, "需要补正材料，请一次性补齐后重新提交：\n", list});
      const std::string note = str(d, "note");
      if (!note.empty()) body.append("说明：").append(note);
      out.push_back(make(a, {"supplement_requested", "请补正材料", body, cat({name, "需要补正材料。"})}, e.at));
    } else if (e.kind == "task_paused") {
      const Task* t = task_of(c, e.task_id);
      const std::string item = t ? cat({"「", item_name(catalog, t->item_id), "」"}) : name;
      out.push_back(make(a,
                         {"task_paused", "办理中止计时",
                          cat({item, "因“", str(d, "reason"), "”中止计时，期间不计入办理时限，恢复后继续计时。"}),
                          cat({item, "中止计时。"})},
                         e.at));
    } else if (e.kind == "task_rejected") {
      // Each department's rejection is told with its reason (the derived "rejected" of the
      // whole application, written in the same step, adds nothing the resident needs).
      const Task* t = task_of(c, e.task_id);
      const std::string item = t ? item_name(catalog, t->item_id) : a.target_id;
      const std::string dept = t ? department_name(catalog, t->item_id) : std::string();
      out.push_back(make(a,
                         {"rejected", cat({"不予许可：", item}),
                          cat({"「", item, "」", dept.empty() ? "" : "经", dept, dept.empty() ? "" : "审查，",
                               "不予许可。原因：", str(d, "reason"), "。如有异议，可依法申请行政复议或提起行政诉讼。"}),
                          cat({"「", item, "」不予许可。"})},
                         e.at));
    } else if (e.kind == "refused") {
      out.push_back(
          make(a,
               {"refused", "不予受理", cat({"您的申请", name, no, "不予受理。原因：", str(d, "reason"), "。"}),
                cat({name, "不予受理。"})},
               e.at));
    } else if (e.kind == "issued" && !a.instant) {
      std::string licences;
      if (d.contains("licences") && d["licences"].is_array())
        for (const auto& l : d["licences"]) licences.append(licences.empty() ? "" : "、").append(str(l, "name"));
      const bool partial = d.value("partial", false);
      const bool last = a.status == AppStatus::Issued || a.status == AppStatus::PartiallyIssued;
      std::string body = cat({"您的申请", name, no});
      body += partial ? "已部分办结：通过的事项已出件，未通过事项的原因请在办件详情中查看。"
              : last ? "已办结出件。"
                     : "本阶段已出件，下一阶段已开始办理。";
      if (!licences.empty()) body.append("电子证照：").append(licences).append("，可在“我的证照”中查看。");
      out.push_back(make(a,
                         {partial ? "partially_issued" : "issued",
                          partial ? "部分办结"
                          : last  ? "已办结出件"
                                  : "阶段出件",
                          body, cat({name, partial ? "已部分办结。" : "已出件。"})},
                         e.at));
    } else if (e.kind == "commitment_revoked") {
      out.push_back(make(a,
                         {"revoked", "承诺不实，已撤销",
                          cat({"经核查，您在", name, "中作出的告知承诺与实际情况不符，已撤销相应决定和证照。原因：",
                               str(d, "reason"), "。"}),
                          cat({name, "因承诺不实已撤销。"})},
                         e.at));
    } else if (e.kind == "instant_decided") {
      out.push_back(make(a,
                         {"instant_issued", "秒批：已办结",
                          cat({"您的申请", name, no, "符合规则，系统已即时审批并办结，电子证照可在“我的证照”中查看。"}),
                          cat({name, "已秒批办结。"})},
                         e.at));
    }
  }
  return out;
}

Notification deferral_notice(const Catalog* catalog, const Application& a, const MaterialRecord& m,
                             const std::string& due_date, const std::string& level, Timestamp now) {
  const bool overdue = level == "overdue";
  const std::string name = "「" + target_name(catalog, a) + "」";
  Notification n = make(a,
                        {"deferral_due", overdue ? "容缺材料已逾期" : "容缺材料即将到期",
                         "您的申请" + name + "的容缺材料“" + m.name + "”" +
                             (overdue ? "已超过补交期限（" + due_date + "），请尽快补交，逾期未补交将影响办结。"
                                      : "须在 " + due_date + " 前补交，请在办件详情中上传。"),
                         name + "的容缺材料“" + m.name + "”" + (overdue ? "已逾期。" : "即将到期。")},
                        now);
  n.dedupe = "deferral_due:" + a.id + ":" + m.material_id + ":" + level;
  return n;
}

}  // namespace yilu::server::workflow
