#pragma once
// Uploaded files stored by content: <root>/<first 2 hex>/<sha256>. A file is written to a
// temporary name, fsynced and renamed, so a crash never leaves a half file under a hash.
#include <optional>
#include <string>
#include <string_view>

#include "yilu/error.hpp"

namespace yilu::server {

class BlobStore {
 public:
  /// Creates the folder if needed; error `storage_error`.
  static Result<BlobStore> open(const std::string& root);
  /// Stores the bytes under their SHA-256 (idempotent); returns the hex hash or `storage_error`.
  Result<std::string> put(std::string_view bytes) const;
  /// The bytes of a stored hash, or nullopt (also for anything that is not a hash).
  std::optional<std::string> get(const std::string& sha256) const;

 private:
  std::string root_;
};

}  // namespace yilu::server
