#pragma once
// The type of an uploaded file judged by its bytes, never by its name or declared type.
#include <string>
#include <string_view>

namespace yilu::server {

/// The core's file type id (yilu/file_types.hpp) the bytes are: "pdf", "jpg", "png", "ofd" (a
/// zip whose entries include OFD.xml), "dwg" (an AutoCAD drawing, "AC10xx" version header), or
/// "" when none of them.
std::string sniff_kind(std::string_view bytes);
/// The MIME type of a file type id, from the core's table ("application/octet-stream" for unknown).
std::string content_type_of(std::string_view kind);
/// A file name safe to store and show: path parts, control characters and quotes removed,
/// at most 100 bytes; "" when nothing usable remains (the caller refuses the upload).
std::string clean_file_name(std::string_view raw);

}  // namespace yilu::server
