#include "core/codec/decode_output.h"

#include <algorithm>

namespace cs {

Result<void> check_claimed_size(std::string_view codec, std::size_t claimed,
                                std::optional<std::size_t> expected) {
    if (expected && claimed != *expected) {
        return fail(ErrorCode::Corrupt, std::string(codec) + ": header claims " +
                                            std::to_string(claimed) + " decoded bytes, expected " +
                                            std::to_string(*expected));
    }
    if (!expected && claimed > kMaxDecodedSize) {
        return fail(ErrorCode::Corrupt, std::string(codec) + ": header claims " +
                                            std::to_string(claimed) +
                                            " decoded bytes, more than the limit of " +
                                            std::to_string(kMaxDecodedSize));
    }
    return {};
}

Error size_mismatch(std::string_view codec, std::size_t actual, std::size_t expected) {
    return Error{ErrorCode::Corrupt, std::string(codec) + ": data decompresses to " +
                                         std::to_string(actual) + " bytes, expected " +
                                         std::to_string(expected)};
}

DecodeOutput::DecodeOutput(std::string_view codec, std::optional<std::size_t> expected,
                           std::size_t input_size)
    : codec_(codec), expected_(expected) {
    if (expected_ && *expected_ <= kMaxDecodedSize) {
        buffer_.resize(*expected_);  // the usual case: one allocation of exactly the chunk size
    } else {
        // Unknown (or implausibly large) size: start at 4x the input, as compressed data rarely
        // expands less, and double while the stream keeps producing.
        const std::size_t guess = std::max<std::size_t>(input_size, 16 * 1024) * 4;
        buffer_.resize(std::min(guess, expected_.value_or(kMaxDecodedSize)));
    }
}

Error DecodeOutput::too_long() const {
    if (expected_) {
        return Error{ErrorCode::Corrupt, codec_ + ": data decompresses to more than the expected " +
                                             std::to_string(*expected_) + " bytes"};
    }
    return Error{ErrorCode::Corrupt, codec_ + ": data decompresses to more than the limit of " +
                                         std::to_string(kMaxDecodedSize) + " bytes"};
}

Result<MutableByteSpan> DecodeOutput::space() {
    if (size_ < buffer_.size()) return MutableByteSpan(buffer_).subspan(size_);
    const std::size_t limit = expected_ ? *expected_ : kMaxDecodedSize;
    if (size_ >= limit) {
        if (probing_) return fail(too_long());
        probing_ = true;
        return MutableByteSpan(probe_, 1);
    }
    buffer_.resize(std::min(limit, std::max<std::size_t>(buffer_.size() * 2, 1024)));
    return MutableByteSpan(buffer_).subspan(size_);
}

Result<void> DecodeOutput::commit(std::size_t n) {
    if (probing_) {
        if (n > 0) return fail(too_long());
        probing_ = false;
        return {};
    }
    size_ += n;
    return {};
}

Result<Bytes> DecodeOutput::finish() && {
    if (expected_ && size_ != *expected_) return fail(size_mismatch(codec_, size_, *expected_));
    buffer_.resize(size_);
    return std::move(buffer_);
}

}  // namespace cs
