#include "uploads/blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "auth/tokens.hpp"
#include "data_files.hpp"
#include "storage/sqlite.hpp"

namespace yilu::server {

namespace {

// Owner only, whatever the umask or the mode an existing folder had: uploads are people's papers.
bool make_dir(const std::string& p) {
  return (::mkdir(p.c_str(), 0700) == 0 || errno == EEXIST) && ::chmod(p.c_str(), 0700) == 0;
}

bool fsync_path(const std::string& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

Result<BlobStore> BlobStore::open(const std::string& root) {
  if (!make_dir(root) || !make_dir(root + "/tmp")) return db::storage_error("cannot create " + root);
  BlobStore b;
  b.root_ = root;
  return b;
}

Result<std::string> BlobStore::put(std::string_view bytes) const {
  const std::string hash = sha256_hex(bytes);
  const std::string dir = root_ + "/" + hash.substr(0, 2);
  const std::string final_path = dir + "/" + hash;
  struct stat st {};
  if (::stat(final_path.c_str(), &st) == 0 && static_cast<std::size_t>(st.st_size) == bytes.size()) return hash;
  if (!make_dir(dir)) return db::storage_error_from_errno("cannot create " + dir, errno);
  const std::string tmp = root_ + "/tmp/" + hash + "." + random_hex(6);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return db::storage_error_from_errno("open tmp", errno);
  ::fchmod(fd, 0600);  // the umask can only narrow the mode; this states it
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n == 0 ? ENOSPC : errno;  // a short write of 0 bytes is a full disk
      ::close(fd);
      ::unlink(tmp.c_str());
      return db::storage_error_from_errno("write blob", err);
    }
    done += static_cast<std::size_t>(n);
  }
  // Delayed allocation can report a full disk only at fsync or close.
  const int synced = ::fsync(fd) == 0 ? 0 : errno;
  const int closed = ::close(fd) == 0 ? 0 : errno;
  const int failed = synced ? synced : closed;
  if (failed || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const int err = failed ? failed : errno;
    ::unlink(tmp.c_str());
    return db::storage_error_from_errno("store blob", err);
  }
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
  return hash;
}

std::optional<std::string> BlobStore::get(const std::string& sha256) const {
  if (!is_sha256_hex(sha256)) return std::nullopt;
  return read_file(root_ + "/" + sha256.substr(0, 2) + "/" + sha256);
}

}  // namespace yilu::server
