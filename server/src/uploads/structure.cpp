#include "uploads/structure.hpp"

namespace yilu::server {

std::string structure_problem(std::string_view kind, std::string_view bytes) {
  if (auto p = active_content_problem(bytes); !p.empty()) return p;
  if (kind == "pdf") return pdf_problem(bytes);
  if (kind == "jpg") return jpg_problem(bytes);
  if (kind == "png") return png_problem(bytes);
  if (kind == "ofd") return ofd_problem(bytes);
  if (kind == "dwg") return dwg_problem(bytes);
  return "active_content";  // no type the sniffer names: never stored (the caller refused it already)
}

}  // namespace yilu::server
