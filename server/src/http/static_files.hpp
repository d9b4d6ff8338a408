#pragma once
// The built web app (web/dist), loaded once at start and served from memory as PreparedBody
// values: every file with its brotli and gzip variants (the build's `.br` / `.gz` files beside
// it — web/scripts/compress.mjs — or compressed here at load when the build made none).
// Caching (docs/deploy.md "Static files"):
// - /assets/* are named by Vite after their content hash: `public, max-age=31536000, immutable`;
// - everything else (index.html, sw.js, the manifest, icons …): `no-cache` with a content ETag,
//   so a repeat visit revalidates and gets 304. sw.js is never immutable, wherever it lies.
// A rebuilt folder is served after a restart of the server.
#include <httplib.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/prepared_body.hpp"

namespace yilu::server::http {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

/// The Content-Type of a file by its extension (application/octet-stream when unknown).
std::string mime_type_for(std::string_view path);

class StaticFiles {
 public:
  /// Every regular file under `dir` (hidden names and the `.br`/`.gz` variants of another file
  /// left out). No files when `dir` is empty or has no index.html: nothing is served then.
  /// `levels`: for files the build left without variants.
  static StaticFiles load(const std::string& dir, CompressionLevels levels = {});

  /// The file at a request path (`/` and `…/`: that folder's index.html), or nullptr.
  const PreparedBody* find(const std::string& path) const;
  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }

  /// Cache-Control of the file at a request path.
  static const char* cache_control_for(std::string_view path);

  /// Answers a GET or HEAD of a file that exists and is not under /api/; false (nothing sent)
  /// otherwise.
  bool serve(const httplib::Request& req, httplib::Response& res) const;

  /// Answers a GET or HEAD of a client-side route (a path of the page's router) with
  /// index.html, cached like index.html; false (nothing sent) for other methods, /api/ paths,
  /// /assets/ paths (a missing hashed file is a 404, never a page: a script would get HTML)
  /// and when there is no index.html.
  bool serve_page(const httplib::Request& req, httplib::Response& res) const;

 private:
  std::unordered_map<std::string, PreparedBody> files_;  ///< by request path ("/index.html")
};

}  // namespace yilu::server::http
