#include "catalog_import/xlsx_reader.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace yilu::server {

std::string xlsx_reader_path() {
  if (const char* p = std::getenv("YILU_XLSX_READER"); p && *p) return p;
  return YILU_DEFAULT_XLSX_READER;
}

std::optional<std::string> read_xlsx_workbook(const std::string& file, std::string& error) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) {
    error = "无法启动 XLSX 读取程序（pipe）";
    return std::nullopt;
  }
  const std::string script = xlsx_reader_path();
  const pid_t pid = fork();
  if (pid < 0) {
    error = "无法启动 XLSX 读取程序（fork）";
    return std::nullopt;
  }
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(err[0]);
    close(out[1]);
    close(err[1]);
    // No shell: the file name goes to node as one argument whatever it holds.
    execlp("node", "node", script.c_str(), file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  // Read both pipes to the end; the workbook is large, the error small, so stdout first and
  // stderr after would block only if the script wrote more than a pipe's worth of errors.
  std::string text, message;
  char buf[65536];
  for (int fd : {out[0], err[0]}) {
    std::string& into = fd == out[0] ? text : message;
    for (;;) {
      const ssize_t n = read(fd, buf, sizeof buf);
      if (n > 0) into.append(buf, static_cast<std::size_t>(n));
      else if (n < 0 && errno == EINTR) continue;
      else break;
    }
    close(fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return text;
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    error = "读取 XLSX 需要 Node.js（node）和 " + script + "；也可以在 Excel 中另存为 CSV UTF-8 后导入";
  else error = message.empty() ? "读取 XLSX 文件失败" : message;
  return std::nullopt;
}

}  // namespace yilu::server
