#pragma once
// Reads newline-terminated lines from a FILE* without ever holding more than `max_bytes` of
// one line: a longer line is skipped to its end and reported as too long.
#include <cstdio>
#include <cstring>
#include <string>

namespace yilu::server {

class LineReader {
 public:
  enum class Status { Line, TooLong, End };

  LineReader(std::FILE* in, std::size_t max_bytes) : in_(in), max_(max_bytes) {}

  /// The next line (without its "\n" or "\r\n") in `out`, TooLong (out cleared) or End.
  Status next(std::string& out) {
    out.clear();
    bool too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == len_) {
        len_ = std::fread(buf_, 1, sizeof buf_, in_);
        pos_ = 0;
        if (len_ == 0) {
          if (!any) return Status::End;
          break;
        }
      }
      any = true;
      const char* start = buf_ + pos_;
      const auto* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      const std::size_t take = nl ? static_cast<std::size_t>(nl - start) : len_ - pos_;
      if (!too_long) {
        if (out.size() + take > max_) {
          too_long = true;
          out.clear();
          out.shrink_to_fit();
        } else {
          out.append(start, take);
        }
      }
      pos_ += take;
      if (nl) {
        ++pos_;
        break;
      }
    }
    if (too_long) return Status::TooLong;
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return Status::Line;
  }

 private:
  std::FILE* in_;
  std::size_t max_;
  char buf_[1 << 16];
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
};

}  // namespace yilu::server
