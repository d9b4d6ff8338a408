#include "uploads/sniff.hpp"

#include "yilu/file_types.hpp"

namespace yilu::server {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// An OFD package (GB/T 33190) is a zip archive whose root holds OFD.xml. Looking for the
// entry name in the local file headers is enough to tell it from other zips.
bool is_ofd(std::string_view b) {
  if (!starts_with(b, std::string_view("PK\x03\x04", 4))) return false;
  std::size_t pos = 0;
  while ((pos = b.find(std::string_view("PK\x03\x04", 4), pos)) != std::string_view::npos) {
    if (pos + 30 > b.size()) return false;
    const auto u16 = [&](std::size_t at) {
      return static_cast<std::size_t>(static_cast<unsigned char>(b[at])) |
             (static_cast<std::size_t>(static_cast<unsigned char>(b[at + 1])) << 8);
    };
    const std::size_t name_len = u16(pos + 26);
    if (pos + 30 + name_len > b.size()) return false;
    if (b.substr(pos + 30, name_len) == "OFD.xml") return true;
    pos += 4;
  }
  return false;
}

// DWG: six ASCII bytes "AC10" + two digits name the format version (AC1012 … AC1032).
bool is_dwg(std::string_view b) {
  if (b.size() < 128 || !starts_with(b, "AC10")) return false;
  return b[4] >= '0' && b[4] <= '9' && b[5] >= '0' && b[5] <= '9';
}

}  // namespace

std::string sniff_kind(std::string_view b) {
  // PDF: the header may follow a little junk (ISO 32000 allows it within the first 1024 bytes),
  // and a real file ends with %%EOF near the end.
  const std::size_t pdf_at = b.substr(0, 1024).find("%PDF-");
  if (pdf_at != std::string_view::npos && b.size() > pdf_at + 8) {
    const std::string_view tail = b.substr(b.size() > 1024 ? b.size() - 1024 : 0);
    if (tail.find("%%EOF") != std::string_view::npos) return "pdf";
  }
  if (b.size() >= 4 && starts_with(b, "\xFF\xD8\xFF")) return "jpg";
  if (starts_with(b, std::string_view("\x89PNG\r\n\x1a\n", 8))) return "png";
  if (is_ofd(b)) return "ofd";
  if (is_dwg(b)) return "dwg";
  return "";
}

std::string content_type_of(std::string_view kind) {
  const FileType* t = find_file_type(kind);
  return t ? std::string(t->mime) : std::string("application/octet-stream");
}

std::string clean_file_name(std::string_view raw) {
  // Keep only the last path component, whichever separator the client's system used.
  const std::size_t cut = raw.find_last_of("/\\");
  if (cut != std::string_view::npos) raw = raw.substr(cut + 1);
  std::string out;
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"' || c == '\'' || c == ':' || c == '<' || c == '>' || c == '|' || c == '*' ||
        c == '?')
      continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.size() > 100) {
    // Do not cut a UTF-8 sequence in half.
    std::size_t n = 100;
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
    out.resize(n);
  }
  return out;
}

}  // namespace yilu::server
