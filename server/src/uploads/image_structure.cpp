// JPEG (ITU T.81) and PNG (ISO 15948) walked segment by segment / chunk by chunk: a header
// with dimensions a viewer can allocate, the image data, the end marker. A camera or scanner
// file always has them; a header glued onto something else does not.
#include <cstdint>

#include "uploads/structure.hpp"

namespace yilu::server {

namespace {

unsigned byte_at(std::string_view b, std::size_t at) { return static_cast<unsigned char>(b[at]); }
unsigned be16(std::string_view b, std::size_t at) { return (byte_at(b, at) << 8) | byte_at(b, at + 1); }
std::uint32_t be32(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(be16(b, at)) << 16) | be16(b, at + 2);
}

bool side_ok(std::uint32_t side) { return side > 0 && side <= kMaxImageSide; }

// Start-of-frame markers (C0–CF except DHT C4, JPG C8, DAC CC) carry the dimensions.
bool is_sof(unsigned m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

}  // namespace

std::string jpg_problem(std::string_view b) {
  if (b.size() < 4 || byte_at(b, 0) != 0xFF || byte_at(b, 1) != 0xD8) return "jpg_structure";
  std::size_t at = 2;
  bool frame = false;
  while (true) {
    if (at >= b.size() || byte_at(b, at) != 0xFF) return "jpg_structure";
    while (at < b.size() && byte_at(b, at) == 0xFF) ++at;  // fill bytes
    if (at >= b.size()) return "jpg_structure";
    const unsigned marker = byte_at(b, at++);
    if (marker == 0xD9) return frame ? "" : "jpg_structure";  // EOI (bytes after it: checked for content only)
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // standalone markers
    if (marker == 0x00 || marker == 0xD8 || at + 2 > b.size()) return "jpg_structure";
    const std::size_t length = be16(b, at);
    if (length < 2 || at + length > b.size()) return "jpg_structure";
    if (is_sof(marker)) {
      if (length < 8) return "jpg_structure";
      const std::uint32_t height = be16(b, at + 3);
      const std::uint32_t width = be16(b, at + 5);
      const unsigned components = byte_at(b, at + 7);
      if (!side_ok(height) || !side_ok(width)) return "image_size";
      if (components < 1 || components > 4 || length != 8 + 3 * components) return "jpg_structure";
      frame = true;
    }
    at += length;
    if (marker == 0xDA) {
      // Entropy-coded data up to the next marker: 0xFF followed by 0x00 (a stuffed byte)
      // or a restart marker belongs to the data.
      if (!frame) return "jpg_structure";
      while (at + 1 < b.size() && !(byte_at(b, at) == 0xFF && byte_at(b, at + 1) != 0x00 &&
                                    !(byte_at(b, at + 1) >= 0xD0 && byte_at(b, at + 1) <= 0xD7)))
        ++at;
      if (at + 1 >= b.size()) return "jpg_structure";
    }
  }
}

std::string png_problem(std::string_view b) {
  if (b.size() < 8 + 25 + 12 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) return "png_structure";
  std::size_t at = 8;
  bool header = false;
  bool data = false;
  while (at + 12 <= b.size()) {
    const std::uint32_t length = be32(b, at);
    const std::string_view type = b.substr(at + 4, 4);
    for (const char c : type)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return "png_structure";
    if (length > 0x7FFFFFFFu || length > b.size() - at - 12) return "png_structure";
    if (!header) {
      if (type != "IHDR" || length != 13) return "png_structure";
      const std::uint32_t width = be32(b, at + 8);
      const std::uint32_t height = be32(b, at + 12);
      const unsigned depth = byte_at(b, at + 16);
      const unsigned colour = byte_at(b, at + 17);
      if (!side_ok(width) || !side_ok(height)) return "image_size";
      // Allowed bit depths per colour type (ISO 15948 table 11.1).
      const bool depth_ok = (colour == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                            (colour == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                            ((colour == 2 || colour == 4 || colour == 6) && (depth == 8 || depth == 16));
      if (!depth_ok || byte_at(b, at + 18) != 0 || byte_at(b, at + 19) != 0 || byte_at(b, at + 20) > 1)
        return "png_structure";
      header = true;
    } else if (type == "IHDR") {
      return "png_structure";
    } else if (type == "IDAT") {
      data = true;
    } else if (type == "IEND") {
      return data ? "" : "png_structure";
    }
    at += 12 + length;
  }
  return "png_structure";  // no IEND
}

}  // namespace yilu::server
