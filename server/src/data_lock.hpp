#pragma once
// One `yilu serve` per data folder. Two servers on one SQLite folder would each keep their own
// in-memory sign-in codes and limits and race on the uploads, without a word: the second one
// refuses to start instead. An advisory lock (flock) on <data>/yilu.lock, released by the
// kernel when the process ends however it ends (a SIGKILLed server's restart is not blocked).
// `yilu admin` does not take it: account changes while the server runs are SQLite's to order.
#include <optional>
#include <string>

#include "yilu/error.hpp"

namespace yilu::server {

class DataDirLock {
 public:
  /// Creates the folder if needed (0700) and locks it; error `data_dir_locked` (its message
  /// names the folder and the holder's PID) or `data_dir_unusable`.
  static Result<DataDirLock> acquire(const std::string& data_dir);

  DataDirLock(DataDirLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  DataDirLock& operator=(DataDirLock&& o) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

/// The data folder's lock when `db_url` is the embedded database (empty or sqlite:), taken
/// before anything opens it; none for a shared database, made for several servers (and their
/// shared upload folder). Errors as DataDirLock::acquire.
Result<std::optional<DataDirLock>> lock_if_embedded(const std::string& data_dir, const std::string& db_url);

}  // namespace yilu::server
