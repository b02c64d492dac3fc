// chunkscope-cli cat LOCATION [--slice "0:10,:,1"] -o out.npy: the selected elements of an array
// as a NumPy .npy file with the array's exact dtype and byte order; missing chunks read as the
// fill value. vlen-utf8 (object) arrays are written as fixed-width UTF-8 byte strings (|S64).
#include <iostream>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "core/array/npy.h"
#include "core/array/selection.h"
#include "core/location/location.h"

namespace cs::cli {

namespace {

constexpr const char* kUsage = "cat LOCATION [--slice \"0:10,:,1\"] -o OUT.npy";

Result<int> run(const CommandArgs& argv) {
    CS_ASSIGN_OR_RETURN(Args args, Args::parse(argv, {.valued = {"--slice", "-o"}}));
    const auto out = args.value("-o");
    if (args.positional().size() != 1 || !out) {
        return fail(ErrorCode::InvalidArgument, std::string("usage: chunkscope-cli ") + kUsage);
    }
    CS_ASSIGN_OR_RETURN(OpenedLocation opened, open_location(args.positional()[0]));
    CS_ASSIGN_OR_RETURN(auto array, opened.container->open_array(opened.inner_path));
    const ArrayMeta& meta = array->meta();
    auto selection = parse_selection(args.value("--slice").value_or(""), meta.shape());
    if (!selection) return fail(selection.error().with_context(array->describe()));
    CS_ASSIGN_OR_RETURN(Bytes data, read_selection(*array, *selection));
    DType dtype = meta.dtype;
    if (dtype.kind == DTypeKind::Object) {
        // Decoded vlen-utf8 text is fixed-width UTF-8, which NumPy knows as a byte string.
        dtype.kind = DTypeKind::Bytes;
        dtype.endian = Endian::NotApplicable;
    }
    CS_RETURN_IF_ERROR(write_npy(*out, dtype, selection->result_shape(), data));
    return 0;
}

}  // namespace

int run_cat(const CommandArgs& args) {
    auto status = run(args);
    return status ? *status : report_error(status.error());
}

}  // namespace cs::cli
