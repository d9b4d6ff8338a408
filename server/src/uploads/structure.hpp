#pragma once
// Whether an upload's bytes are a whole, well-formed file of the type the sniffer named, and
// carry nothing a browser or an operating system would run. The sniffer (sniff.hpp) looks at
// the first bytes only; a PDF header in front of an executable, or a JPEG header in front of
// a web page, passes it. These checks walk the file's structure instead.
#include <string>
#include <string_view>

namespace yilu::server {

/// Why `bytes` are refused as a file of `kind` (a sniffer id), or "" when they are accepted.
/// Stable reason codes, sent to clients in the error's `reason`:
///   active_content  a web page, script or program inside the file (any type)
///   pdf_structure   no usable cross-reference table or trailer (startxref, xref/XRef stream, /Root)
///   pdf_script      PDF actions that run code or carry files (/JavaScript, /JS, /Launch, /EmbeddedFile, /RichMedia)
///   jpg_structure   the JPEG's segments do not lead to a frame header, the image data and its end marker
///   png_structure   the PNG's chunks are not IHDR … IDAT … IEND, or its header is impossible
///   image_size      a width or height of 0 or above 30000 pixels
///   ofd_structure   the zip's central directory is missing or inconsistent, or no root OFD.xml
///   ofd_entry       an entry that is no part of an OFD document (only XML, images, fonts, signatures)
///   dwg_version     not a known AutoCAD drawing version (AC1012 … AC1032)
std::string structure_problem(std::string_view kind, std::string_view bytes);

// The checks of each type (each in its own file; structure_problem calls the right one).
std::string active_content_problem(std::string_view bytes);
std::string pdf_problem(std::string_view bytes);
std::string jpg_problem(std::string_view bytes);
std::string png_problem(std::string_view bytes);
std::string ofd_problem(std::string_view bytes);
std::string dwg_problem(std::string_view bytes);

/// Image dimensions no phone camera or scanner produces: a decompression bomb or a broken header.
inline constexpr unsigned kMaxImageSide = 30000;

}  // namespace yilu::server
