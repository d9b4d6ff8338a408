#pragma once
/// Errors are values with a stable code, never exceptions across the core's API.
#include <string>
#include <utility>
#include <variant>

namespace yilu {

/// A failure: `code` is stable (programs branch on it), `message` is Chinese text for people,
/// `path` is a JSON pointer into the request when the failure is about one field (else empty).
struct Error {
  std::string code;
  std::string message;
  std::string path;
};

/// Either a value or an Error. Checked with ok(); value() on an error is a programming bug.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return v_.index() == 0; }
  const T& value() const { return *std::get_if<0>(&v_); }
  T& value() { return *std::get_if<0>(&v_); }
  const Error& error() const { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace yilu
