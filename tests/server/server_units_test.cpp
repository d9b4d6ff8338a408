// The server's pure pieces: content sniffing, file names, masking, limits.
#include <catch2/catch.hpp>

#include "auth/login_backoff.hpp"
#include "auth/mask.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/sign_in_code.hpp"
#include "http/csv.hpp"
#include "uploads/sniff.hpp"

using namespace yilu::server;

TEST_CASE("uploads: the type comes from the bytes", "[server][uploads]") {
  CHECK(sniff_kind("%PDF-1.7\n...\n%%EOF\n") == "pdf");
  CHECK(sniff_kind("%PDF-1.7 but never ends") == "");
  CHECK(sniff_kind("hello.pdf") == "");
  // The core's file type ids: JPEG is "jpg", as the catalog names it.
  CHECK(sniff_kind(std::string("\xFF\xD8\xFF\xE0 jfif", 9)) == "jpg");
  CHECK(content_type_of("jpg") == "image/jpeg");
  // An AutoCAD drawing: "AC10" and two digits of version.
  CHECK(sniff_kind("AC1032" + std::string(200, '\0')) == "dwg");
  CHECK(sniff_kind("AC10xx" + std::string(200, '\0')) == "");
  CHECK(content_type_of("dwg") == "image/vnd.dwg");
  CHECK(sniff_kind(std::string("\x89PNG\r\n\x1a\n....", 12)) == "png");
  // An OFD package is a zip with OFD.xml; any other zip is not.
  std::string ofd("PK\x03\x04", 4);
  ofd += std::string(22, '\0');
  ofd += std::string("\x07\x00\x00\x00", 4) + "OFD.xml" + "<ofd/>";
  CHECK(sniff_kind(ofd) == "ofd");
  std::string zip("PK\x03\x04", 4);
  zip += std::string(22, '\0');
  zip += std::string("\x05\x00\x00\x00", 4) + "a.txt" + "hi";
  CHECK(sniff_kind(zip) == "");
  CHECK(sniff_kind("") == "");
}

TEST_CASE("uploads: file names lose their paths and control characters", "[server][uploads]") {
  CHECK(clean_file_name("scan.pdf") == "scan.pdf");
  CHECK(clean_file_name("../../etc/passwd") == "passwd");
  CHECK(clean_file_name("C:\\Users\\a\\出生证.pdf") == "出生证.pdf");
  CHECK(clean_file_name(std::string("a\0b\nc.pdf", 9)) == "abc.pdf");
  CHECK(clean_file_name("...hidden") == "hidden");
  CHECK(clean_file_name("/") == "");
  CHECK(clean_file_name(std::string(300, 'a')).size() == 100);
  // Cutting never splits a UTF-8 sequence.
  const std::string cut = clean_file_name(std::string(99, 'a') + "出生");
  CHECK(cut == std::string(99, 'a'));
}

TEST_CASE("logs: phone and ID numbers are masked", "[server][privacy]") {
  CHECK(mask_phone("13876001234") == "138****1234");
  CHECK(mask_id_number("46020319950315122X") == "460***********122X");
  CHECK(mask_numbers("/api/v1/x?phone=13876001234&id=46020319950315122X&n=42") ==
        "/api/v1/x?phone=138****1234&id=460***********122X&n=42");
}

TEST_CASE("rate limiter: a sliding window per key", "[server][auth]") {
  const RateLimiter r(2, 60);
  EventWindow a;
  EventWindow b;
  CHECK(r.hit(a, 100) == 0);
  CHECK(r.hit(a, 110) == 0);
  CHECK(r.hit(a, 120) == 40);
  CHECK(r.hit(b, 120) == 0);
  CHECK(r.hit(a, 161) == 0);
}

TEST_CASE("rate limiter: after the wait it names, the next event is let in and counted", "[server][auth]") {
  const RateLimiter r(2, 60);
  EventWindow a;
  CHECK(r.hit(a, 100) == 0);
  CHECK(r.hit(a, 110) == 0);
  const std::int64_t wait = r.hit(a, 120);
  REQUIRE(wait == 40);
  CHECK(r.wait(a, 120) == 40);
  // Exactly then the event of 100 is one window old: it no longer counts.
  CHECK(r.wait(a, 120 + wait) == 0);
  CHECK(r.count(a, 120 + wait) == 1);
  CHECK(r.hit(a, 120 + wait) == 0);
  // The new event counts: the window is full again until the one of 110 leaves it.
  CHECK(r.count(a, 160) == 2);
  CHECK(r.hit(a, 165) == 5);
}

TEST_CASE("rate limiter: a window survives being stored as text, and failures beyond the limit keep it full",
          "[server][auth]") {
  const RateLimiter r(3, 60);
  EventWindow w;
  for (int i = 0; i < 50; ++i) r.record(w, 100 + i);
  EventWindow back = parse_window(window_text(w));
  CHECK(back.events == w.events);
  CHECK(back.events.size() <= 4);  // the newest events are all a full budget needs
  CHECK(r.wait(back, 150) == 147 + 60 - 150);
  CHECK(r.keep_until(back) == 149 + 60);
  CHECK(parse_window("not json").events.empty());
  CHECK(window_text(EventWindow{}).empty());
}

TEST_CASE("sign-in state and backoff survive being stored as text", "[server][auth]") {
  PendingCode p;
  p.code_hash = "ab";
  p.expires_at = 400;
  p.sent_at = 100;
  p.attempts = 3;
  p.attempts_by_address = {{"10.0.0.1", 2}, {"10.0.0.2", 1}};
  p.unverified = 2;
  const PendingCode q = parse_pending_code(pending_code_text(p));
  CHECK(q.code_hash == "ab");
  CHECK(q.expires_at == 400);
  CHECK(q.sent_at == 100);
  CHECK(q.attempts == 3);
  CHECK(q.attempts_by_address == p.attempts_by_address);
  CHECK(q.unverified == 2);
  CHECK(pending_code_text(PendingCode{}).empty());
  CHECK(parse_pending_code("{\"attempts\":\"x\"}").attempts == 0);
  const LoginBackoff rule(2, 30, 900, 3600);
  BackoffEntry e;
  CHECK(rule.attempt(e, 10) == 0);
  CHECK(rule.attempt(e, 11) == 0);
  const BackoffEntry back = parse_backoff(backoff_text(e));
  CHECK(back.failures == 2);
  CHECK(back.until == 41);
  BackoffEntry again = back;
  CHECK(rule.attempt(again, 12) == 29);
}

TEST_CASE("csv: fields as spreadsheets read them, formulas disarmed, numbers kept", "[server][csv]") {
  using yilu::server::http::append_csv_record;
  std::string out;
  append_csv_record(
      out, {"出生一件事", "a,b", "say \"hi\"", "two\nlines", "=HYPERLINK(1)", "-3", "-2.5", "87.5%", "+x", ""});
  CHECK(out == "出生一件事,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=HYPERLINK(1),-3,-2.5,87.5%,'+x,\r\n");
  out.clear();
  append_csv_record(out, {"@SUM(A1)", "-", "=a,b"});
  CHECK(out == "'@SUM(A1),'-,\"'=a,b\"\r\n");
}
