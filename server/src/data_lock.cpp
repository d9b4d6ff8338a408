#include "data_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/open_store.hpp"

namespace yilu::server {

namespace {

Error unusable(const std::string& what) { return Error{"data_dir_unusable", what, ""}; }

// The PID the holder wrote into the lock file ("" when unreadable).
std::string holder_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "";
  std::string pid(buf, static_cast<std::size_t>(n));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

Result<DataDirLock> DataDirLock::acquire(const std::string& data_dir) {
  if (::mkdir(data_dir.c_str(), 0700) != 0 && errno != EEXIST)
    return unusable("无法创建数据目录 " + data_dir + "：" + std::strerror(errno));
  const std::string path = data_dir + "/yilu.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return unusable("无法打开 " + path + "：" + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string pid = holder_pid(fd);
    ::close(fd);
    if (err == EWOULDBLOCK)
      return Error{"data_dir_locked",
                   "数据目录 " + data_dir + " 已由另一个 yilu serve 进程使用" +
                       (pid.empty() ? "" : "（PID " + pid + "）") + "：同一数据目录只能由一个进程使用",
                   ""};
    return unusable("无法锁定 " + path + "：" + std::strerror(err));
  }
  // Who holds it, for the next one's message.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The lock holds without the PID; only the message gets poorer.
  }
  return DataDirLock(fd);
}

DataDirLock& DataDirLock::operator=(DataDirLock&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::optional<DataDirLock>> lock_if_embedded(const std::string& data_dir, const std::string& db_url) {
  if (!db_url.empty() && !is_sqlite_url(db_url)) return std::optional<DataDirLock>();
  auto locked = DataDirLock::acquire(data_dir);
  if (!locked.ok()) return locked.error();
  return std::optional<DataDirLock>(std::move(locked.value()));
}

}  // namespace yilu::server
