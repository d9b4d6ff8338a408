#pragma once
// Small, well-formed files of every upload type, built in code so each test states what it
// uploads: a PDF with a correct cross-reference table, a baseline JPEG's segments, a PNG's
// chunks, an OFD package (a zip with a central directory and a root OFD.xml), a DWG header.
// They pass the server's structure checks (server/src/uploads/structure.hpp); tests of the
// checks break them on purpose.
#include <cstdint>
#include <string>
#include <vector>

namespace yilu::test {

/// A one-page PDF whose page says `text` (any bytes that are not PDF delimiters), with
/// `padding` bytes of comment to make it bigger.
inline std::string sample_pdf(const std::string& text = "sample", std::size_t padding = 0) {
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  const auto object = [&](const std::string& body) {
    offsets.push_back(out.size());
    out += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  const std::string content = "BT /F1 12 Tf 20 100 Td (" + text + ") Tj ET";
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>");
  object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  if (padding) out += "%" + std::string(padding, 'x') + "\n";
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t o : offsets) {
    std::string n = std::to_string(o);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

/// A baseline JPEG's structure: SOI, APP0 (JFIF), a quantization table, the frame header
/// (width × height, one component), a Huffman table, the scan with `scan_bytes` of data, EOI.
/// (Not a decodable picture: the structure the server walks, which is what is tested.)
inline std::string sample_jpeg(unsigned width = 64, unsigned height = 48, std::size_t scan_bytes = 64) {
  const auto seg = [](unsigned char marker, const std::string& body) {
    const std::size_t len = body.size() + 2;
    return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(len >> 8), static_cast<char>(len & 0xFF)} +
           body;
  };
  std::string out("\xFF\xD8", 2);
  out += seg(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
  out += seg(0xDB, std::string(1, '\0') + std::string(64, '\x01'));
  out += seg(0xC0, std::string{8, static_cast<char>(height >> 8), static_cast<char>(height & 0xFF),
                               static_cast<char>(width >> 8), static_cast<char>(width & 0xFF), 1, 1, 0x11, 0});
  out += seg(0xC4, std::string(1, '\0') + std::string(16, '\0') + std::string(1, '\0'));
  out += seg(0xDA, std::string{1, 1, 0, 0, 63, 0});
  for (std::size_t i = 0; i < scan_bytes; ++i) out.push_back(static_cast<char>(0x20 + i % 64));  // no 0xFF
  out += std::string("\xFF\xD9", 2);
  return out;
}

/// A PNG's chunks: IHDR (width × height, 8-bit RGB), one IDAT of `data_bytes`, IEND. CRCs are
/// zero (the server walks the chunks; it does not decode).
inline std::string sample_png(unsigned width = 32, unsigned height = 32, std::size_t data_bytes = 16) {
  const auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xFF),
                       static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
  };
  const auto chunk = [&](const char* type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + std::string(4, '\0');
  };
  std::string out("\x89PNG\r\n\x1a\n", 8);
  out += chunk("IHDR", be32(width) + be32(height) + std::string{8, 2, 0, 0, 0});
  out += chunk("IDAT", std::string(data_bytes, 'x'));
  out += chunk("IEND", "");
  return out;
}

/// A zip archive of stored (uncompressed) entries with its central directory.
inline std::string sample_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  const auto le16 = [](std::size_t v) {
    return std::string{static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF)};
  };
  const auto le32 = [&](std::size_t v) { return le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF); };
  std::string out;
  std::string dir;
  for (const auto& [name, data] : entries) {
    const std::size_t local = out.size();
    out += std::string("PK\x03\x04", 4) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) +
           le32(data.size()) + le32(data.size()) + le16(name.size()) + le16(0) + name + data;
    dir += std::string("PK\x01\x02", 4) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) +
           le32(data.size()) + le32(data.size()) + le16(name.size()) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) +
           le32(local) + name;
  }
  const std::size_t dir_at = out.size();
  out += dir;
  out += std::string("PK\x05\x06", 4) + le16(0) + le16(0) + le16(entries.size()) + le16(entries.size()) +
         le32(dir.size()) + le32(dir_at) + le16(0);
  return out;
}

/// An OFD package: OFD.xml at the root and one document part.
inline std::string sample_ofd() {
  return sample_zip({{"OFD.xml", "<?xml version=\"1.0\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"},
                     {"Doc_0/Document.xml", "<?xml version=\"1.0\"?><ofd:Document/>"}});
}

/// An AutoCAD 2018 drawing's header and some bytes.
inline std::string sample_dwg(std::size_t size = 512) { return "AC1032" + std::string(size - 6, '\0'); }

}  // namespace yilu::test
