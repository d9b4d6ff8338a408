#include "yilu/file_types.hpp"

namespace yilu {
namespace {

// The names are vocabulary of this table (like the ids), not messages: they name a type
// wherever it is shown, so they live here with the ids, media types and extensions.
constexpr std::array<FileType, 5> kFileTypes = {{
    {"pdf", "PDF 文档", "application/pdf", {".pdf", ""}},
    {"jpg", "JPEG 图片", "image/jpeg", {".jpg", ".jpeg"}},
    {"png", "PNG 图片", "image/png", {".png", ""}},
    {"ofd", "OFD 版式文档", "application/ofd", {".ofd", ""}},
    {"dwg", "AutoCAD 图纸", "image/vnd.dwg", {".dwg", ""}},
}};

struct Alias {
  std::string_view alias;
  std::string_view id;
};
constexpr Alias kAliases[] = {{"jpeg", "jpg"}};

}  // namespace

const std::array<FileType, 5>& file_types() { return kFileTypes; }

const FileType* find_file_type(std::string_view id_or_alias) {
  std::string_view name = id_or_alias;
  for (const Alias& a : kAliases)
    if (name == a.alias) name = a.id;
  for (const FileType& t : kFileTypes)
    if (t.id == name) return &t;
  return nullptr;
}

std::string accept_attribute(const std::vector<std::string>& type_ids) {
  std::string out;
  const auto add = [&out](std::string_view s) {
    if (s.empty()) return;
    if (!out.empty()) out.push_back(',');
    out.append(s.data(), s.size());
  };
  for (const auto& id : type_ids) {
    const FileType* t = find_file_type(id);
    if (!t) continue;
    for (const auto& ext : t->extensions) add(ext);
    add(t->mime);
  }
  return out;
}

}  // namespace yilu
