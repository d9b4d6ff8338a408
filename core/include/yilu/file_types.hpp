#pragma once
/// The one vocabulary of upload file types: the catalog's material `file_types`, validation's
/// file entries, the server's upload sniffer and the page's <input accept> all use these ids.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yilu {

struct FileType {
  std::string_view id;                         ///< stable id: "pdf", "jpg", "png", "ofd", "dwg"
  std::string_view name;                       ///< Chinese name for people
  std::string_view mime;                       ///< the media type a browser reports
  std::array<std::string_view, 2> extensions;  ///< with the dot, the usual one first; unused slots empty
};

/// Every accepted type, in table order.
const std::array<FileType, 5>& file_types();

/// The type named by its id or an alias ("jpeg" is "jpg"); nullptr when the name is not in
/// the table (names are lowercase: "PDF" is not a type).
const FileType* find_file_type(std::string_view id_or_alias);

/// The types a material accepts when the catalog names none.
constexpr std::array<std::string_view, 3> kDefaultFileTypes = {"pdf", "jpg", "png"};

/// The value of an HTML <input accept> for these type ids: each type's extensions, then its
/// media type, comma-joined (".pdf,application/pdf,.jpg,.jpeg,image/jpeg"). Ids not in the
/// table are skipped; an empty list gives "".
std::string accept_attribute(const std::vector<std::string>& type_ids);

}  // namespace yilu
