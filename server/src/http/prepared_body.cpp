#include "http/prepared_body.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "http/ranges.hpp"

namespace yilu::server::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

/// The q of one Accept-Encoding element's parameters ("q=0.5"); 1 when absent or unreadable.
double q_value(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semi = params.find(';');
    const std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') continue;
    const std::string number(trim(p.substr(2)));
    char* end = nullptr;
    const double q = std::strtod(number.c_str(), &end);
    if (end == number.c_str() || *end != '\0') return 1.0;
    return std::clamp(q, 0.0, 1.0);
  }
  return 1.0;
}

/// The opaque part of an entity tag: `W/"x"` and `"x"` both give `x`.
std::string_view opaque(std::string_view tag) {
  tag = trim(tag);
  if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') return tag.substr(1, tag.size() - 2);
  return tag;
}

const char* coding_name(Coding c) { return c == Coding::br ? "br" : "gzip"; }

}  // namespace

PreparedBody::PreparedBody() : data_(std::make_shared<const Data>(Data{{}, "text/plain", content_etag({}), {}, {}})) {}

std::string PreparedBody::content_etag(std::string_view bytes) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return "\"" + std::string(hex) + "\"";
}

bool PreparedBody::compressible(std::string_view content_type) {
  std::string_view t = trim(content_type.substr(0, content_type.find(';')));
  auto starts = [&](std::string_view p) { return t.size() >= p.size() && iequals(t.substr(0, p.size()), p); };
  auto ends = [&](std::string_view s) { return t.size() >= s.size() && iequals(t.substr(t.size() - s.size()), s); };
  return (starts("text/") && !iequals(t, "text/event-stream")) || iequals(t, "application/javascript") ||
         iequals(t, "application/json") || iequals(t, "application/xml") || iequals(t, "application/wasm") ||
         ends("+json") || ends("+xml");  // image/svg+xml, application/manifest+json
}

PreparedBody PreparedBody::make(std::string bytes, std::string content_type, std::string etag,
                                CompressionLevels levels) {
  std::string br, gzip;
  if (!bytes.empty() && compressible(content_type)) {
    const bool text = content_type.rfind("application/wasm", 0) != 0;
    if (auto c = brotli_compress(bytes, levels.brotli_quality, text); c && c->size() < bytes.size()) br = std::move(*c);
    if (auto c = gzip_compress(bytes, levels.gzip_level); c && c->size() < bytes.size()) gzip = std::move(*c);
  }
  return precompressed(std::move(bytes), std::move(content_type), std::move(etag), std::move(br), std::move(gzip));
}

PreparedBody PreparedBody::precompressed(std::string bytes, std::string content_type, std::string etag, std::string br,
                                         std::string gzip) {
  if (etag.empty()) etag = content_etag(bytes);
  return PreparedBody(std::make_shared<const Data>(
      Data{std::move(bytes), std::move(content_type), std::move(etag), std::move(br), std::move(gzip)}));
}

const std::string* PreparedBody::encoded(Coding coding) const {
  switch (coding) {
    case Coding::identity: return &data_->identity;
    case Coding::br: return data_->br.empty() ? nullptr : &data_->br;
    case Coding::gzip: return data_->gzip.empty() ? nullptr : &data_->gzip;
  }
  return nullptr;
}

Coding choose_coding(std::string_view accept_encoding, bool have_br, bool have_gzip) {
  // -1: not named in the header.
  double br = -1, gzip = -1, any = -1;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    const std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const std::size_t semi = element.find(';');
    const std::string_view name = trim(element.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : q_value(element.substr(semi + 1));
    if (iequals(name, "br")) br = std::max(br, q);
    else if (iequals(name, "gzip") || iequals(name, "x-gzip")) gzip = std::max(gzip, q);
    else if (name == "*") any = std::max(any, q);
  }
  const double q_br = !have_br ? 0 : br >= 0 ? br : std::max(any, 0.0);
  const double q_gzip = !have_gzip ? 0 : gzip >= 0 ? gzip : std::max(any, 0.0);
  if (q_br > 0 && q_br >= q_gzip) return Coding::br;
  if (q_gzip > 0) return Coding::gzip;
  return Coding::identity;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  const std::string_view mine = opaque(etag);
  std::string_view s = if_none_match;
  for (;;) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == ',')) s.remove_prefix(1);
    if (s.empty()) return false;
    if (s.front() == '*') return true;
    if (s.size() >= 2 && s[0] == 'W' && s[1] == '/') s.remove_prefix(2);
    if (s.empty() || s.front() != '"') return false;  // not an entity tag: nothing after it is trusted
    const std::size_t close = s.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (s.substr(1, close - 1) == mine) return true;
    s.remove_prefix(close + 1);
  }
}

void send_prepared(const httplib::Request& req, httplib::Response& res, const PreparedBody& body,
                   const std::string& cache_control) {
  const auto& data = body.data_;
  auto caching_headers = [&] {
    res.set_header("ETag", data->etag);
    if (!cache_control.empty()) res.set_header("Cache-Control", cache_control);
    if (body.has_variants()) res.set_header("Vary", "Accept-Encoding");
  };

  const std::string if_none_match = req.get_header_value("If-None-Match");
  if (!if_none_match.empty() && etag_matches(if_none_match, data->etag)) {
    drop_ranges(req);
    res.status = 304;
    caching_headers();
    return;
  }

  const Coding coding = choose_coding(req.get_header_value("Accept-Encoding"), !data->br.empty(), !data->gzip.empty());
  const std::string* wire = body.encoded(coding);
  // Ranges of an encoded body would be ranges of the encoding, which a client cannot resume
  // with another coding: the whole body instead. If-Range: the ranges only of this version.
  if (coding != Coding::identity) {
    drop_ranges(req);
  } else if (req.has_header("If-Range")) {
    const std::string if_range = req.get_header_value("If-Range");
    if (if_range != data->etag || if_range.rfind("W/", 0) == 0) drop_ranges(req);
  }

  res.status = 200;
  if (wire->empty()) {
    res.set_content(std::string(), data->content_type);
  } else {
    // A content provider, not res.body: httplib 0.11 compresses res.body again (text/* for any
    // client saying gzip or br) but sends a provider's bytes as they are. It also spares a copy
    // of the body per request; `keep` holds the bytes until the response is written.
    res.set_content_provider(wire->size(), data->content_type,
                             [keep = data, wire](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               return sink.write(wire->data() + offset, length);
                             });
  }
  if (coding != Coding::identity) res.set_header("Content-Encoding", coding_name(coding));
  enforce_range_policy(req, res);
  if (res.status == 416) return;  // an error body: no validators, nothing to cache
  caching_headers();
}

}  // namespace yilu::server::http
