#include "storage/pg.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace yilu::server::db {

namespace {

class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& c, std::string name, int params)
      : conn_(c),
        name_(std::move(name)),
        values_(static_cast<std::size_t>(params)),
        null_(static_cast<std::size_t>(params), true) {}
  ~PgStatement() override {
    clear_result();
    // A private statement (a nested use of a cached one's SQL) is released at once; the
    // cached ones go with their connection.
    if (!conn_.closing() && !conn_.broken()) PQclear(PQexec(conn_.raw(), ("DEALLOCATE " + name_).c_str()));
  }

  void bind_text(int i, std::string_view text) override {
    if (!slot(i)) return;
    values_[static_cast<std::size_t>(i - 1)].assign(text.data(), text.size());
    null_[static_cast<std::size_t>(i - 1)] = false;
  }
  void bind_int(int i, std::int64_t v) override { bind_text(i, std::to_string(v)); }
  void bind_null(int i) override {
    if (slot(i)) null_[static_cast<std::size_t>(i - 1)] = true;
  }
  bool step(std::optional<Error>& error) override {
    if (!res_) {
      if (!execute(error)) return false;
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < PQntuples(res_);
  }
  std::string text(int col) const override {
    return std::string(PQgetvalue(res_, row_, col), static_cast<std::size_t>(PQgetlength(res_, row_, col)));
  }
  std::int64_t integer(int col) const override {
    // NUMERIC (a SUM of BIGINT) reads as its integral part, like SQLite's integer column.
    return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10);
  }
  bool is_null(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  void reset() override {
    clear_result();
    std::fill(null_.begin(), null_.end(), true);
  }

 private:
  bool slot(int i) const { return i >= 1 && static_cast<std::size_t>(i) <= values_.size(); }
  void clear_result() {
    if (res_) PQclear(res_);
    res_ = nullptr;
  }
  bool execute(std::optional<Error>& error) {
    std::vector<const char*> params(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) params[i] = null_[i] ? nullptr : values_[i].c_str();
    res_ =
        PQexecPrepared(conn_.raw(), name_.c_str(), static_cast<int>(params.size()), params.data(), nullptr, nullptr, 0);
    const ExecStatusType st = res_ ? PQresultStatus(res_) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      error = conn_.record_failure(res_);
      clear_result();
      return false;
    }
    const char* tuples = PQcmdTuples(res_);
    const std::string_view tag = PQcmdStatus(res_);
    // Like SQLite's changes(): rows touched by the last INSERT, UPDATE or DELETE.
    if (tag.rfind("INSERT", 0) == 0 || tag.rfind("UPDATE", 0) == 0 || tag.rfind("DELETE", 0) == 0)
      conn_.set_changes(tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0);
    return true;
  }

  PgConnection& conn_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<bool> null_;
  PGresult* res_ = nullptr;
  int row_ = 0;
};

// Connection failures and shutdowns: the database is away, not the request wrong.
bool unavailable_state(const std::string& state) {
  return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03";
}

}  // namespace

std::string numbered_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  char quote = 0;
  for (const char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;
      out.push_back(ch);
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out.push_back(ch);
    } else if (ch == '?') {
      out += '$' + std::to_string(++count);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& url) {
  std::unique_ptr<PgConnection> c(new PgConnection());
  // The URL may carry its own options; these are defaults it can override (expand_dbname).
  const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {"5", "yilu", "UTF8", url.c_str(), nullptr};
  c->conn_ = PQconnectdbParams(keys, values, 1);
  if (!c->conn_ || PQstatus(c->conn_) != CONNECTION_OK)
    return storage_unavailable(c->conn_ ? PQerrorMessage(c->conn_) : "out of memory");
  // Notices (e.g. "relation already exists, skipping") are the operator's, not the request's.
  PQsetNoticeProcessor(
      c->conn_, [](void*, const char*) {}, nullptr);
  return c;
}

PgConnection::~PgConnection() {
  closing_ = true;
  drop_statements();
  if (conn_) PQfinish(conn_);
}

bool PgConnection::broken() const { return !conn_ || PQstatus(conn_) != CONNECTION_OK; }

void PgConnection::clear_failure() {
  failed_state_.clear();
  failure_.reset();
}

bool PgConnection::lost_race() const {
  return failed_state_ == "40001" || failed_state_ == "40P01" || failed_state_ == "23505";
}

Error PgConnection::record_failure(const void* res) {
  const auto* r = static_cast<const PGresult*>(res);
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  failed_state_ = state ? state : "";
  const std::string message = r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  Error e = broken() || unavailable_state(failed_state_) ? storage_unavailable(message)
            : failed_state_ == "53100"                   ? storage_full(message)
                                                         : storage_error(message);
  // A lost race is retried by the caller: not worth the operator's attention.
  failure_ = e;
  return e;
}

std::unique_ptr<Statement> PgConnection::prepare(std::string_view sql, std::optional<Error>& error) {
  int params = 0;
  const std::string text = numbered_placeholders(sql, params);
  std::string name = "y" + std::to_string(++next_name_);
  PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
  const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) error = record_failure(r);
  PQclear(r);
  if (!ok) return nullptr;
  return std::make_unique<PgStatement>(*this, std::move(name), params);
}

std::optional<Error> PgConnection::exec(std::string_view sql) {
  PGresult* r = PQexec(conn_, std::string(sql).c_str());
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  std::optional<Error> e;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) e = record_failure(r);
  PQclear(r);
  return e;
}

}  // namespace yilu::server::db
