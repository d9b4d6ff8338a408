#include "http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include "log_text.hpp"

namespace yilu::server::http {

namespace fs = std::filesystem;

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_api(std::string_view path) { return path == "/api" || starts_with(path, "/api/"); }

bool is_get_or_head(const httplib::Request& req) { return req.method == "GET" || req.method == "HEAD"; }

std::optional<std::string> read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

/// The build's variant of `file` (`file.br`), or "" when there is none or it is older than the
/// file: a variant left from an earlier build must never stand for new bytes.
std::string read_variant(const fs::path& file, const char* suffix) {
  fs::path v = file;
  v += suffix;
  std::error_code ec;
  if (!fs::is_regular_file(v, ec)) return {};
  const auto base_time = fs::last_write_time(file, ec);
  if (ec) return {};
  const auto variant_time = fs::last_write_time(v, ec);
  if (ec || variant_time < base_time) return {};
  return read_all(v).value_or(std::string());
}

/// True for `x.br` / `x.gz` when `x` is there too: a variant, not a file of its own.
bool is_variant(const fs::path& p) {
  const std::string name = p.filename().string();
  if (!ends_with(name, ".br") && !ends_with(name, ".gz")) return false;
  std::error_code ec;
  return fs::is_regular_file(p.parent_path() / name.substr(0, name.size() - 3), ec);
}

}  // namespace

std::string mime_type_for(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::pair<const char*, const char*> kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"webmanifest", "application/manifest+json"},
      // Exactly this, no parameters: WebAssembly.instantiateStreaming refuses anything else.
      {"wasm", "application/wasm"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"xml", "application/xml"},
      {"pdf", "application/pdf"},
      {"gz", "application/gzip"},
  };
  for (const auto& [e, type] : kTypes)
    if (ext == e) return type;
  return "application/octet-stream";
}

StaticFiles StaticFiles::load(const std::string& dir, CompressionLevels levels) {
  StaticFiles out;
  std::error_code ec;
  if (dir.empty() || !fs::is_regular_file(fs::path(dir) / "index.html", ec)) return out;
  const fs::path root(dir);
  fs::recursive_directory_iterator it(root, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.filename().string().rfind('.', 0) == 0) {  // .git, .DS_Store: never part of the app
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || is_variant(p)) continue;
    const std::string key = "/" + p.lexically_relative(root).generic_string();
    auto bytes = read_all(p);
    if (!bytes) {
      std::fprintf(stderr, "[static] %s: unreadable, not served\n", log_text(p.string()).c_str());
      continue;
    }
    std::string type = mime_type_for(key);
    std::string br = read_variant(p, ".br");
    std::string gzip = read_variant(p, ".gz");
    out.files_[key] = br.empty() && gzip.empty() ? PreparedBody::make(std::move(*bytes), std::move(type), {}, levels)
                                                 : PreparedBody::precompressed(std::move(*bytes), std::move(type), {},
                                                                               std::move(br), std::move(gzip));
  }
  if (ec) std::fprintf(stderr, "[static] %s: %s\n", log_text(dir).c_str(), log_text(ec.message()).c_str());
  return out;
}

const PreparedBody* StaticFiles::find(const std::string& path) const {
  if (path.empty() || path.front() != '/') return nullptr;
  const auto found = files_.find(path.back() == '/' ? path + "index.html" : path);
  return found == files_.end() ? nullptr : &found->second;
}

const char* StaticFiles::cache_control_for(std::string_view path) {
  // The service worker decides which version of the app runs: a year-long copy of it would pin
  // phones to an old app, so it is revalidated even if a build ever puts it under /assets/.
  if (path == "/sw.js" || ends_with(path, "/sw.js")) return kRevalidate;
  return starts_with(path, "/assets/") ? kImmutable : kRevalidate;
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) const {
  if (!is_get_or_head(req) || is_api(req.path)) return false;
  const PreparedBody* file = find(req.path);
  if (!file) return false;
  send_prepared(req, res, *file, cache_control_for(req.path));
  return true;
}

bool StaticFiles::serve_page(const httplib::Request& req, httplib::Response& res) const {
  if (!is_get_or_head(req) || is_api(req.path) || starts_with(req.path, "/assets/")) return false;
  const PreparedBody* index = find("/index.html");
  if (!index) return false;
  send_prepared(req, res, *index, kRevalidate);
  return true;
}

}  // namespace yilu::server::http
