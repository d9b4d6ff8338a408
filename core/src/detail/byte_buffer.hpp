#pragma once
// A growable byte buffer whose appends inline everywhere. The response writer appends a few bytes
// at a time; in the wasm build std::string's members come precompiled from libc++ (extern
// templates), so each push_back was several calls — a fifth of a small JSON call's time there.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace yilu::detail {

class ByteBuffer {
 public:
  void push_back(char c) {
    if (size_ == capacity_) grow(1);
    data_[size_++] = c;
  }
  void append(const char* p, std::size_t n) {
    if (n > capacity_ - size_) grow(n);
    if (n) std::memcpy(data_.get() + size_, p, n);
    size_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  /// Keeps the first `n` bytes (n <= size()).
  void truncate(std::size_t n) { size_ = n < size_ ? n : size_; }
  void clear() { size_ = 0; }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return std::string_view(data_.get(), size_); }

 private:
  void grow(std::size_t more) {
    std::size_t capacity = capacity_ ? capacity_ * 2 : 256;
    while (capacity - size_ < more) capacity *= 2;
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace yilu::detail
