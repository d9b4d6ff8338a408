// libFuzzer target: the upload sniffer (server/src/uploads/sniff.hpp), which judges a file's
// type by its bytes; the structure checks (uploads/structure.hpp), which walk PDF trailers,
// JPEG segments, PNG chunks and zip directories by offsets read from the file itself, each run
// on every input whatever the sniffer said, and answering "" or a documented reason; and the
// file-name cleaner, fed the same bytes as a multipart file name
// (both come from the resident unchecked). Beyond the sanitizers: the sniffer names one of its
// five types or none, each known to the core's table; a cleaned name is at most 100 bytes, holds
// no path separator, control character or reserved punctuation, does not start with a dot or a
// space, cleans to itself, and stays valid UTF-8 when the raw name was.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "uploads/sniff.hpp"
#include "uploads/structure.hpp"

namespace {

constexpr const char* kTarget = "fuzz_upload_sniff";

// The reasons structure.hpp documents ("" = accepted).
bool documented_reason(const std::string& why) {
  for (const char* r : {"", "active_content", "pdf_structure", "pdf_script", "jpg_structure", "png_structure",
                        "image_size", "ofd_structure", "ofd_entry", "dwg_version"})
    if (why == r) return true;
  return false;
}

bool reserved(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f || std::string_view("/\\\"':<>|*?").find(c) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  const std::string kind = yilu::server::sniff_kind(bytes);
  if (!kind.empty()) {
    if (kind != "pdf" && kind != "jpg" && kind != "png" && kind != "ofd" && kind != "dwg")
      yilu::fuzz::broken(kTarget, "the sniffer names a type it does not document", kind);
    if (yilu::server::content_type_of(kind) == "application/octet-stream")
      yilu::fuzz::broken(kTarget, "the sniffer names a type the core's table does not know", kind);
  }

  for (const char* k : {"pdf", "jpg", "png", "ofd", "dwg"}) {
    const std::string why = yilu::server::structure_problem(k, bytes);
    if (!documented_reason(why)) yilu::fuzz::broken(kTarget, "a structure check gives an undocumented reason", why);
  }

  const std::string name = yilu::server::clean_file_name(bytes);
  if (name.size() > 100) yilu::fuzz::broken(kTarget, "a cleaned name is longer than 100 bytes", name);
  for (const char c : name)
    if (reserved(c)) yilu::fuzz::broken(kTarget, "a cleaned name keeps a reserved character", name);
  if (!name.empty() && (name.front() == '.' || name.front() == ' '))
    yilu::fuzz::broken(kTarget, "a cleaned name starts with a dot or a space", name);
  if (yilu::server::clean_file_name(name) != name)
    yilu::fuzz::broken(kTarget, "cleaning a clean name changes it", name);
  if (yilu::fuzz::is_utf8(bytes) && !yilu::fuzz::is_utf8(name))
    yilu::fuzz::broken(kTarget, "cleaning a UTF-8 name breaks its UTF-8", name);
  return 0;
}
