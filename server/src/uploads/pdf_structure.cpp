// A PDF (ISO 32000) must begin with its header and end with a trailer that leads to its
// cross-reference data: `startxref`, the offset of an `xref` table (followed by a `trailer`
// with /Root) or of a cross-reference stream object (/Type /XRef with /Root), then %%EOF.
// Every PDF writer produces this; an executable or a web page with a PDF header pasted on
// does not. Names are read as PDF reads them (#xx escapes decoded), so /J#61vaScript is
// /JavaScript. Objects inside compressed object streams are not inflated: what they hide is
// data a viewer without scripting shows inertly (docs/server-api.md, uploads).
#include <array>
#include <cctype>
#include <string>

#include "uploads/structure.hpp"

namespace yilu::server {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
         c == '%';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Names that make a viewer run code, start a program or unpack a carried file.
constexpr std::array<std::string_view, 6> kRefusedNames = {"JavaScript",    "JS",       "Launch", "EmbeddedFile",
                                                           "EmbeddedFiles", "RichMedia"};

bool has_refused_name(std::string_view b) {
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i] != '/') continue;
    std::string name;
    std::size_t j = i + 1;
    for (; j < b.size() && !is_space(b[j]) && !is_delimiter(b[j]) && name.size() <= 16; ++j) {
      if (b[j] == '#' && j + 2 < b.size() && hex_value(b[j + 1]) >= 0 && hex_value(b[j + 2]) >= 0) {
        name.push_back(static_cast<char>(hex_value(b[j + 1]) * 16 + hex_value(b[j + 2])));
        j += 2;
      } else {
        name.push_back(b[j]);
      }
    }
    for (const auto refused : kRefusedNames)
      if (name == refused) return true;
    i = j - 1;
  }
  return false;
}

std::size_t skip_space(std::string_view b, std::size_t at) {
  while (at < b.size() && is_space(b[at])) ++at;
  return at;
}

// "N G obj" at `at` (an indirect object's header): where its body starts, or npos.
std::size_t object_header(std::string_view b, std::size_t at) {
  for (int part = 0; part < 2; ++part) {
    const std::size_t start = at;
    while (at < b.size() && is_digit(b[at])) ++at;
    if (at == start) return std::string_view::npos;
    const std::size_t after = skip_space(b, at);
    if (after == at) return std::string_view::npos;
    at = after;
  }
  return b.substr(at, 3) == "obj" ? at + 3 : std::string_view::npos;
}

}  // namespace

std::string pdf_problem(std::string_view b) {
  // The header at the very start: "%PDF-" digit "." digit. (ISO 32000 tolerates junk in
  // front; that tolerance is what lets a program wear a PDF header.)
  if (b.size() < 16 || b.substr(0, 5) != "%PDF-" || !is_digit(b[5]) || b[6] != '.' || !is_digit(b[7]))
    return "pdf_structure";
  // The end: startxref <offset> %%EOF, within the last kilobyte (a little trailing junk is common).
  const std::string_view tail = b.substr(b.size() > 1024 ? b.size() - 1024 : 0);
  const std::size_t tail_at = b.size() - tail.size();
  const std::size_t sx = tail.rfind("startxref");
  if (sx == std::string_view::npos) return "pdf_structure";
  std::size_t at = skip_space(b, tail_at + sx + 9);
  std::size_t offset = 0;
  const std::size_t digits_at = at;
  while (at < b.size() && is_digit(b[at]) && at - digits_at < 12)
    offset = offset * 10 + static_cast<std::size_t>(b[at++] - '0');
  if (at == digits_at || b.substr(skip_space(b, at), 5) != "%%EOF") return "pdf_structure";
  if (offset < 9 || offset >= tail_at + sx) return "pdf_structure";
  // The cross-reference data the offset names, and the document catalog it leads to.
  const std::size_t xref = skip_space(b, offset);
  const std::string_view rest = b.substr(xref, tail_at + sx - xref);
  if (rest.substr(0, 4) == "xref") {
    const std::size_t trailer = rest.find("trailer");
    if (trailer == std::string_view::npos || rest.find("/Root", trailer) == std::string_view::npos)
      return "pdf_structure";
  } else {
    const std::size_t body = object_header(b, xref);
    if (body == std::string_view::npos) return "pdf_structure";
    const std::string_view dict = b.substr(body, std::min<std::size_t>(4096, b.size() - body));
    if (dict.find("/XRef") == std::string_view::npos || dict.find("/Root") == std::string_view::npos)
      return "pdf_structure";
  }
  if (has_refused_name(b)) return "pdf_script";
  return "";
}

}  // namespace yilu::server
