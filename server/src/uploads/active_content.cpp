// Web pages, scripts and programs inside an upload. Staff open materials in a browser and
// download them to office PCs: whatever a browser would render as a page or Windows would run
// has no place in a scanned certificate. Compressed data (PDF streams, PNG IDAT, JPEG scans,
// zip entries) never spells these markers by chance; uncompressed payloads do.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "uploads/structure.hpp"

namespace yilu::server {

namespace {

// Lower-case markers (the search is case-insensitive).
constexpr std::array<std::string_view, 11> kMarkers = {
    "<script",
    "<html",
    "<!doctype html",
    "<iframe",
    "<body",
    "<object",
    "<embed",
    "<svg",
    "javascript:",
    "this program cannot be run in dos mode",  // every Windows PE program's DOS stub
    "<?php",
};

}  // namespace

std::string active_content_problem(std::string_view bytes) {
  std::string lower(bytes);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  for (const auto marker : kMarkers)
    if (lower.find(marker) != std::string::npos) return "active_content";
  // A program's own header at the start (the sniffer would not name it, but a header
  // elsewhere is caught by the DOS stub above).
  if (bytes.substr(0, 2) == "MZ" || bytes.substr(0, 4) ==
                                        "\x7f"
                                        "ELF")
    return "active_content";
  return "";
}

}  // namespace yilu::server
