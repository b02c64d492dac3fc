// The boundary between the HDF5 library and our error values. Inside core/hdf5 every HDF5 call
// runs in hdf5_try() (C++ API exceptions) or is checked with hdf5_error() (C calls on getId());
// both read the library's error stack into the message, so the user sees "file signature not
// found" instead of a bare "H5Fopen failed". HDF5's own printing to stderr is switched off.
#pragma once

#include <H5Cpp.h>

#include <exception>
#include <string>
#include <type_traits>

#include "core/util/result.h"

namespace cs {

// Turns off HDF5's automatic error printing (C and C++ API). Idempotent; needs the lock.
void hdf5_silence_errors();

// The current HDF5 error stack as one line, most specific entry first; clears the stack.
std::string hdf5_error_stack_text();

// An Error for a failed HDF5 call: "<context>: <what>: <error stack>". The code is refined from
// the stack (a missing signature is Corrupt, an unavailable filter Unsupported, ...).
Error hdf5_error(ErrorCode fallback, const std::string& context, const std::string& what);

// Runs `body` (which returns a Result) and converts any H5::Exception or std::exception it throws
// into an Error naming `context`. Call it with the lock held.
template <class F>
auto hdf5_try(const std::string& context, F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const H5::Exception& e) {
        return std::unexpected<Error>(
            hdf5_error(ErrorCode::Io, context, e.getFuncName() + " failed"));
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::Io, context + ": out of memory");
    } catch (const std::exception& e) {
        return fail(ErrorCode::Internal, context + ": " + e.what());
    }
}

}  // namespace cs
