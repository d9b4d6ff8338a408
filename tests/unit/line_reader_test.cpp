#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "line_reader.hpp"

using yilu::server::LineReader;

namespace {
std::FILE* file_with(const std::string& bytes) {
  std::FILE* f = std::tmpfile();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::rewind(f);
  return f;
}
}  // namespace

TEST_CASE("lines are split on \\n, with \\r\\n and a last line without newline", "[cli]") {
  std::FILE* f = file_with("a\r\nbb\n\nlast");
  LineReader r(f, 16);
  std::string line;
  REQUIRE(r.next(line) == LineReader::Status::Line);
  CHECK(line == "a");
  REQUIRE(r.next(line) == LineReader::Status::Line);
  CHECK(line == "bb");
  REQUIRE(r.next(line) == LineReader::Status::Line);
  CHECK(line.empty());
  REQUIRE(r.next(line) == LineReader::Status::Line);
  CHECK(line == "last");
  CHECK(r.next(line) == LineReader::Status::End);
  std::fclose(f);
}

TEST_CASE("a line over the limit is skipped whole, never held in memory, and the next is read", "[cli]") {
  const std::string huge(5u << 20, 'x');
  std::FILE* f = file_with("ok\n" + huge + "\nafter\n");
  LineReader r(f, 1u << 20);
  std::string line;
  REQUIRE(r.next(line) == LineReader::Status::Line);
  CHECK(line == "ok");
  REQUIRE(r.next(line) == LineReader::Status::TooLong);
  CHECK(line.capacity() < (1u << 20) + 1);
  REQUIRE(r.next(line) == LineReader::Status::Line);
  CHECK(line == "after");
  CHECK(r.next(line) == LineReader::Status::End);
  std::fclose(f);
}
