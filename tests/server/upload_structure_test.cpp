// Uploads are judged by their structure, not only their first bytes: the attacks that passed
// the sniffer (a program or a web page wearing a PDF or JPEG header, a zip of pages named
// OFD) are refused, and every well-formed sample of each type is accepted.
#include <catch2/catch.hpp>

#include "support/sample_files.hpp"
#include "uploads/sniff.hpp"
#include "uploads/structure.hpp"

using namespace yilu::server;
using namespace yilu::test;

namespace {

// What the upload route decides: the sniffed type, then its structure.
std::string verdict(const std::string& bytes) {
  const std::string kind = sniff_kind(bytes);
  if (kind.empty()) return "unknown_type";
  return structure_problem(kind, bytes);
}

}  // namespace

TEST_CASE("uploads: well-formed files of every type are accepted", "[server][uploads]") {
  CHECK(verdict(sample_pdf()) == "");
  CHECK(verdict(sample_pdf("report", 100000)) == "");
  CHECK(verdict(sample_jpeg()) == "");
  CHECK(verdict(sample_jpeg(4000, 3000, 5000)) == "");
  CHECK(verdict(sample_png()) == "");
  CHECK(verdict(sample_ofd()) == "");
  CHECK(verdict(sample_dwg()) == "");
  // A PDF whose cross-reference data is a stream (PDF 1.5+): startxref names an XRef object.
  std::string xs = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
  const std::size_t at = xs.size();
  xs += "2 0 obj\n<< /Type /XRef /Size 3 /Root 1 0 R /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\n";
  xs += "startxref\n" + std::to_string(at) + "\n%%EOF\n";
  CHECK(verdict(xs) == "");
}

TEST_CASE("uploads: a program or a page behind a PDF header is refused", "[server][uploads][hostile]") {
  // An MZ executable with %PDF- at offset 64 (the sniffer allows a header within 1 KB).
  std::string exe = "MZ" + std::string(62, '\x90') + sample_pdf();
  exe.insert(200, "This program cannot be run in DOS mode.\r\n");
  REQUIRE(sniff_kind(exe) == "pdf");
  CHECK(verdict(exe) == "active_content");
  // HTML and script after a complete PDF.
  CHECK(verdict(sample_pdf() + "<html><script>alert(document.cookie)</script></html>\n%%EOF\n") == "active_content");
  // Mixed case does not hide it.
  CHECK(verdict(sample_pdf() + "<ScRiPt src=//evil></sCrIpT>") == "active_content");
  // A PDF header and %%EOF around anything else: no cross-reference data.
  CHECK(verdict("%PDF-1.7\nnot really a pdf\n%%EOF\n") == "pdf_structure");
  // startxref pointing outside the file, or at something that is not xref data.
  std::string wrong = sample_pdf();
  const std::size_t sx = wrong.rfind("startxref\n") + 10;
  wrong.replace(sx, wrong.find('\n', sx) - sx, "99999999");
  CHECK(verdict(wrong) == "pdf_structure");
  std::string off = sample_pdf();
  off.replace(sx, off.find('\n', sx) - sx, "20");
  CHECK(verdict(off) == "pdf_structure");
  // Junk before the header (ISO 32000 tolerates it; a program uses it).
  CHECK(verdict("garbage" + sample_pdf()) == "pdf_structure");
}

TEST_CASE("uploads: PDF actions that run code or carry files are refused", "[server][uploads][hostile]") {
  CHECK(verdict(sample_pdf() + "5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n") == "pdf_script");
  // A name spelled with #xx escapes is the same name.
  CHECK(verdict(sample_pdf() + "5 0 obj << /S /J#61vaScript >> endobj\n") == "pdf_script");
  CHECK(verdict(sample_pdf() + "5 0 obj << /S /Launch /F (cmd.exe) >> endobj\n") == "pdf_script");
  CHECK(verdict(sample_pdf() + "5 0 obj << /EmbeddedFiles 6 0 R >> endobj\n") == "pdf_script");
  // Words in the page's text are not names.
  CHECK(verdict(sample_pdf("JavaScript Launch")) == "");
}

TEST_CASE("uploads: an image must be an image to its end", "[server][uploads][hostile]") {
  // A JPEG header followed by a web page.
  const std::string page = "<html><body><script>steal()</script></body></html>";
  CHECK(verdict(std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) + page) ==
        "active_content");
  // The same without markup words: the segments do not lead to a frame.
  CHECK(verdict(std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + std::string(100, 'x') + "\xFF\xD9") ==
        "jpg_structure");
  // A complete JPEG with a page after its end.
  CHECK(verdict(sample_jpeg() + page) == "active_content");
  // Impossible dimensions (a decompression bomb or a broken header).
  CHECK(verdict(sample_jpeg(0, 48)) == "image_size");
  CHECK(verdict(sample_jpeg(65535, 65535)) == "image_size");
  CHECK(verdict(sample_png(100000, 10)) == "image_size");
  // Cut short: no end marker / no IEND.
  const std::string jpg = sample_jpeg();
  CHECK(verdict(jpg.substr(0, jpg.size() - 2)) == "jpg_structure");
  const std::string png = sample_png();
  CHECK(verdict(png.substr(0, png.size() - 12)) == "png_structure");
  // A PNG whose first chunk is not IHDR, or with a bit depth its colour type cannot have.
  std::string bad_depth = png;
  bad_depth[8 + 8 + 8] = 3;  // bit depth 3
  CHECK(verdict(bad_depth) == "png_structure");
  CHECK(verdict(std::string("\x89PNG\r\n\x1a\n", 8) + page + std::string(40, 'x')) == "active_content");
}

TEST_CASE("uploads: an OFD is a zip of document parts", "[server][uploads][hostile]") {
  // A zip named OFD full of HTML: the page entries are refused (stored or not).
  CHECK(verdict(sample_zip({{"OFD.xml", "<ofd/>"}, {"index.html", "hello"}})) == "ofd_entry");
  CHECK(verdict(sample_zip({{"OFD.xml", "<ofd/>"}, {"Doc_0/run.exe", "MZ"}})) == "ofd_entry");
  CHECK(verdict(sample_zip({{"OFD.xml", "<ofd/>"}, {"Doc_0/x.xml", "<script>x</script>"}})) == "active_content");
  CHECK(verdict(sample_zip({{"OFD.xml", "<ofd/>"}, {"Doc_0/a.js", "x=1"}})) == "ofd_entry");
  // Paths that climb out of the package.
  CHECK(verdict(sample_zip({{"OFD.xml", "<ofd/>"}, {"../../etc/cron.xml", "x"}})) == "ofd_entry");
  // No OFD.xml at the root (only deeper): not an OFD.
  CHECK(verdict(sample_zip({{"Doc_0/OFD.xml", "<ofd/>"}, {"OFD.xml.bak", "x"}})) == "unknown_type");
  // Local headers only, no central directory (what the sniffer alone accepted).
  std::string no_dir("PK\x03\x04", 4);
  no_dir += std::string(22, '\0') + std::string("\x07\x00\x00\x00", 4) + "OFD.xml" + "<ofd/>";
  REQUIRE(sniff_kind(no_dir) == "ofd");
  CHECK(verdict(no_dir) == "ofd_structure");
  // A central directory that points past itself.
  std::string cut = sample_ofd();
  cut[cut.size() - 6] = '\x7F';  // directory offset's low byte
  CHECK(verdict(cut) == "ofd_structure");
}

TEST_CASE("uploads: a drawing names a real AutoCAD version", "[server][uploads]") {
  CHECK(verdict("AC1032" + std::string(200, '\0')) == "");
  CHECK(verdict("AC1099" + std::string(200, '\0')) == "dwg_version");
  CHECK(verdict("AC1015" + std::string(200, '\0') + "<script>x</script>") == "active_content");
}
