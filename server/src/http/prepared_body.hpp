#pragma once
// A response body prepared once and sent many times: the static files of the web app, and the
// JSON data the page caches (calendar, catalog index, slices). Compressing at prepare time, not
// per request, takes the 150–230 ms httplib spent compressing index.js off every first byte,
// and a strong ETag turns a repeat visit into a 304 without a body.
//
// Use:
//   // once, when the data is loaded (compresses: ~0.3 s per MB at the default levels)
//   auto body = PreparedBody::make(std::move(text), "application/json; charset=utf-8",
//                                  "\"" + fingerprint + "\"");
//   // per request, in a handler (a Router handler or the server's own)
//   send_prepared(req, res, body, "no-cache");
//
// A PreparedBody is immutable and cheap to copy (its bytes are shared): keep it by value next to
// the data it was made from and replace the whole value when the data changes; a response being
// written keeps the old bytes alive.
#include <httplib.h>

#include <memory>
#include <string>
#include <string_view>

#include "http/compression.hpp"

namespace yilu::server::http {

/// How a body goes on the wire (Content-Encoding).
enum class Coding { identity, gzip, br };

class PreparedBody {
 public:
  /// Prepares `bytes` of `content_type` (the Content-Type header value, parameters included).
  /// `etag` is the whole strong entity tag, quotes included (`"\"<fingerprint>\""`); empty: a
  /// hash of the bytes (content_etag). When the type is compressible (text/*, JavaScript, JSON,
  /// XML, SVG, wasm) brotli and gzip variants are made now and kept when smaller than the bytes.
  static PreparedBody make(std::string bytes, std::string content_type, std::string etag = {},
                           CompressionLevels levels = {});

  /// The same with variants compressed elsewhere (the build's `.br` / `.gz` files); an empty
  /// variant is absent. The variants must decode to `bytes`: nothing here checks that.
  static PreparedBody precompressed(std::string bytes, std::string content_type, std::string etag, std::string br,
                                    std::string gzip);

  /// A strong entity tag from the content: `"` + 32 hex digits of BLAKE2b-128 + `"`.
  static std::string content_etag(std::string_view bytes);

  /// True when a body of this Content-Type shrinks under compression (parameters ignored).
  static bool compressible(std::string_view content_type);

  /// An empty text/plain body (a default-constructed value is ready to send, never null).
  PreparedBody();

  const std::string& bytes() const { return data_->identity; }
  const std::string& content_type() const { return data_->content_type; }
  const std::string& etag() const { return data_->etag; }
  /// The body in `coding`, or nullptr when that variant is absent (identity is always there).
  const std::string* encoded(Coding coding) const;
  /// True when there is a variant besides identity (the response then varies on Accept-Encoding).
  bool has_variants() const { return !data_->br.empty() || !data_->gzip.empty(); }

 private:
  struct Data {
    std::string identity, content_type, etag, br, gzip;
  };
  explicit PreparedBody(std::shared_ptr<const Data> d) : data_(std::move(d)) {}
  friend void send_prepared(const httplib::Request&, httplib::Response&, const PreparedBody&, const std::string&);
  std::shared_ptr<const Data> data_;
};

/// Answers a GET or HEAD with `body`:
/// - 304 (no body) when If-None-Match lists the ETag (weak comparison: `W/"…"` and lists
///   match too, `*` matches anything);
/// - otherwise 200 with the best coding the request accepts (choose_coding) and
///   `Content-Encoding` set for br/gzip;
/// - `ETag`, `Cache-Control: <cache_control>` (none when empty) and, when the body has variants,
///   `Vary: Accept-Encoding` on both.
/// Range: honoured (enforce_range_policy: 206, or 416 for bad ranges) on the identity bytes
/// only, and only when If-Range is absent or equals the ETag; an encoded response is always the
/// whole body (200). httplib never compresses these responses again: the bytes go out through a
/// content provider, which httplib 0.11 sends as they are (it compresses only `res.body`).
void send_prepared(const httplib::Request& req, httplib::Response& res, const PreparedBody& body,
                   const std::string& cache_control);

/// The coding to send for an Accept-Encoding header value, among those available: the highest
/// q (`q=0` refuses; `*` stands for codings not named; `x-gzip` is gzip), br before gzip on a
/// tie; identity when none is accepted. Exposed for tests.
Coding choose_coding(std::string_view accept_encoding, bool have_br, bool have_gzip);

/// True when an If-None-Match value matches `etag` (weak comparison). Exposed for tests.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace yilu::server::http
