#include "auth/mask.hpp"

#include "log_text.hpp"

namespace yilu::server {

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return "***";
  return log_text(std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4)));
}

std::string mask_id_number(std::string_view id) {
  if (id.size() < 8) return "***";
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_numbers(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] >= '0' && text[i] <= '9') {
      std::size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
      const std::string_view run = text.substr(i, j - i);
      if (run.size() >= 11) out += run.size() == 11 ? mask_phone(run) : mask_id_number(run);
      else out += run;
      i = j;
    } else {
      out.push_back(text[i++]);
    }
  }
  // Request paths reach here decoded (%0A is a newline): the result goes to the log as is.
  return log_text(out);
}

}  // namespace yilu::server
