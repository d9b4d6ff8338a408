// An OFD document (GB/T 33190) is a zip archive: its central directory (found from the end
// record) lists every entry, each entry's local header is where the directory says, the root
// holds OFD.xml, and the entries are what an OFD is made of — XML, images, fonts, signature
// data. A zip of web pages that happens to contain an OFD.xml is not a document.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>

#include "uploads/structure.hpp"

namespace yilu::server {

namespace {

std::uint32_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8);
}
std::uint32_t le32(std::string_view b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

// What GB/T 33190 packages hold: XML parts, images, fonts, signatures and seals.
constexpr std::array<std::string_view, 16> kEntryTypes = {"xml", "png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff",
                                                          "jb2", "ttf", "otf", "ttc",  "dat", "esl", "sig", "cer"};

bool entry_allowed(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return false;
  if (name.find("..") != std::string_view::npos) return false;
  if (name.back() == '/') return true;  // a folder
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || name.find('/', dot) != std::string_view::npos) return false;
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return std::find(kEntryTypes.begin(), kEntryTypes.end(), ext) != kEntryTypes.end();
}

constexpr std::uint32_t kMaxEntries = 10000;

}  // namespace

std::string ofd_problem(std::string_view b) {
  // The end of central directory record: 22 bytes plus a comment of up to 65535 bytes.
  if (b.size() < 22) return "ofd_structure";
  const std::size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
  std::size_t eocd = std::string_view::npos;
  for (std::size_t at = b.size() - 22 + 1; at-- > lowest;) {
    if (b.substr(at, 4) == std::string_view("PK\x05\x06", 4) && at + 22 + le16(b, at + 20) == b.size()) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string_view::npos) return "ofd_structure";
  const std::uint32_t entries = le16(b, eocd + 10);
  const std::uint32_t dir_size = le32(b, eocd + 12);
  const std::uint32_t dir_at = le32(b, eocd + 16);
  if (le16(b, eocd + 4) != 0 || le16(b, eocd + 6) != 0) return "ofd_structure";  // multi-disk
  if (entries == 0 || entries > kMaxEntries || std::size_t{dir_at} + dir_size > eocd) return "ofd_structure";
  bool root = false;
  std::size_t at = dir_at;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (at + 46 > eocd || b.substr(at, 4) != std::string_view("PK\x01\x02", 4)) return "ofd_structure";
    const std::size_t name_len = le16(b, at + 28);
    const std::size_t extra_len = le16(b, at + 30);
    const std::size_t comment_len = le16(b, at + 32);
    const std::size_t local = le32(b, at + 42);
    if (at + 46 + name_len + extra_len + comment_len > eocd) return "ofd_structure";
    if (local + 30 > dir_at || b.substr(local, 4) != std::string_view("PK\x03\x04", 4)) return "ofd_structure";
    const std::string_view name = b.substr(at + 46, name_len);
    if (le16(b, local + 26) != name_len || b.substr(local + 30, name_len) != name) return "ofd_structure";
    if (!entry_allowed(name)) return "ofd_entry";
    if (name == "OFD.xml") root = true;
    at += 46 + name_len + extra_len + comment_len;
  }
  if (at != std::size_t{dir_at} + dir_size) return "ofd_structure";
  return root ? "" : "ofd_structure";
}

}  // namespace yilu::server
