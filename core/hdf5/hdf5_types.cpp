#include "core/hdf5/hdf5_types.h"

namespace cs {

namespace {

Endian endian_of(hid_t type, std::size_t size) {
    if (size <= 1) return Endian::NotApplicable;
    return H5Tget_order(type) == H5T_ORDER_BE ? Endian::Big : Endian::Little;
}

const char* order_word(hid_t type) {
    return H5Tget_order(type) == H5T_ORDER_BE ? "big-endian" : "little-endian";
}

Result<DType> integer_dtype(hid_t type, const std::string& context) {
    const std::size_t size = H5Tget_size(type);
    if (size != 1 && size != 2 && size != 4 && size != 8)
        return fail(ErrorCode::Unsupported,
                    context + ": " + std::to_string(size * 8) + "-bit integers are not supported");
    DType d;
    d.kind = H5Tget_sign(type) == H5T_SGN_NONE ? DTypeKind::UInt : DTypeKind::Int;
    d.itemsize = size;
    d.endian = endian_of(type, size);
    return d;
}

Result<DType> compound_dtype(hid_t type, const std::string& context) {
    DType d;
    d.kind = DTypeKind::Structured;
    d.itemsize = H5Tget_size(type);
    d.endian = Endian::NotApplicable;
    Json descr = Json::array();
    std::size_t at = 0;
    const int members = H5Tget_nmembers(type);
    for (int i = 0; i < members; ++i) {
        const std::size_t offset = H5Tget_member_offset(type, static_cast<unsigned>(i));
        char* raw_name = H5Tget_member_name(type, static_cast<unsigned>(i));
        const std::string name = raw_name ? raw_name : "";
        H5free_memory(raw_name);
        const hid_t member = H5Tget_member_type(type, static_cast<unsigned>(i));
        Json shape;
        hid_t base = member;
        if (H5Tget_class(member) == H5T_ARRAY) {
            const int rank = H5Tget_array_ndims(member);
            std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
            H5Tget_array_dims2(member, dims.data());
            shape = Json::array();
            for (auto n : dims) shape.push_back(Json(static_cast<std::uint64_t>(n)));
            base = H5Tget_super(member);
        }
        auto inner = dtype_from_hdf5(base, context + " field '" + name + "'");
        if (base != member) H5Tclose(base);
        H5Tclose(member);
        if (!inner) return std::unexpected(inner.error());
        // NumPy descr lists have no offsets: gaps become anonymous void padding fields.
        if (offset > at)
            descr.push_back(Json(Json::Array{Json(""), Json("|V" + std::to_string(offset - at))}));
        Json field = Json::array();
        field.push_back(Json(name));
        field.push_back(inner->to_zarr_json());
        std::size_t count = 1;
        if (shape.is_array()) {
            for (const auto& n : shape.as_array()) count *= n.as_uint();
            field.push_back(shape);
        }
        descr.push_back(std::move(field));
        at = std::max(at, offset + inner->itemsize * count);
    }
    if (d.itemsize > at)
        descr.push_back(Json(Json::Array{Json(""), Json("|V" + std::to_string(d.itemsize - at))}));
    d.structured_descr = std::move(descr);
    return d;
}

}  // namespace

Result<DType> dtype_from_hdf5(hid_t type, const std::string& context) {
    const std::size_t size = H5Tget_size(type);
    switch (H5Tget_class(type)) {
        case H5T_INTEGER:
            return integer_dtype(type, context);
        case H5T_BITFIELD: {
            CS_ASSIGN_OR_RETURN(DType d, integer_dtype(type, context));
            d.kind = DTypeKind::UInt;
            return d;
        }
        case H5T_FLOAT: {
            if (size != 2 && size != 4 && size != 8)
                return fail(ErrorCode::Unsupported, context + ": " + std::to_string(size * 8) +
                                                        "-bit floats are not supported");
            DType d;
            d.kind = DTypeKind::Float;
            d.itemsize = size;
            d.endian = endian_of(type, size);
            return d;
        }
        case H5T_ENUM: {
            const hid_t base = H5Tget_super(type);
            auto d = integer_dtype(base, context);
            H5Tclose(base);
            return d;
        }
        case H5T_STRING: {
            if (H5Tis_variable_str(type) > 0)
                return fail(ErrorCode::Unsupported,
                            context + ": variable-length strings are not supported as array data");
            DType d;
            d.kind = DTypeKind::Bytes;
            d.itemsize = size;
            d.endian = Endian::NotApplicable;
            return d;
        }
        case H5T_COMPOUND:
            return compound_dtype(type, context);
        case H5T_OPAQUE: {
            DType d;
            d.kind = DTypeKind::Raw;
            d.itemsize = size;
            d.endian = Endian::NotApplicable;
            return d;
        }
        case H5T_ARRAY: {
            // A dataset of fixed-size arrays: one record per element, as NumPy's subarray dtype.
            DType d;
            d.kind = DTypeKind::Structured;
            d.itemsize = size;
            d.endian = Endian::NotApplicable;
            return d;
        }
        case H5T_VLEN:
            return fail(ErrorCode::Unsupported,
                        context + ": variable-length sequences are not supported as array data");
        case H5T_REFERENCE:
            return fail(ErrorCode::Unsupported,
                        context + ": references are not supported as array data");
        default:
            return fail(ErrorCode::Unsupported, context + ": unsupported HDF5 datatype class");
    }
}

std::string describe_hdf5_type(hid_t type) {
    const std::size_t size = H5Tget_size(type);
    const std::string bits = std::to_string(size * 8) + "-bit ";
    switch (H5Tget_class(type)) {
        case H5T_INTEGER:
            return bits + (size > 1 ? std::string(order_word(type)) + " " : "") +
                   (H5Tget_sign(type) == H5T_SGN_NONE ? "unsigned integer" : "integer");
        case H5T_FLOAT:
            return bits + order_word(type) + " floating-point";
        case H5T_BITFIELD:
            return bits + "bitfield";
        case H5T_ENUM: {
            const hid_t base = H5Tget_super(type);
            std::string s = "enum of " + describe_hdf5_type(base) + " (" +
                            std::to_string(H5Tget_nmembers(type)) + " values)";
            H5Tclose(base);
            return s;
        }
        case H5T_STRING: {
            const bool utf8 = H5Tget_cset(type) == H5T_CSET_UTF8;
            const std::string cset = utf8 ? "UTF-8" : "ASCII";
            if (H5Tis_variable_str(type) > 0) return "variable-length " + cset + " string";
            const H5T_str_t pad = H5Tget_strpad(type);
            const char* pad_word = pad == H5T_STR_NULLTERM  ? "null-terminated"
                                   : pad == H5T_STR_NULLPAD ? "null-padded"
                                                            : "space-padded";
            return std::to_string(size) + "-byte " + pad_word + " " + cset + " string";
        }
        case H5T_COMPOUND:
            return "compound (" + std::to_string(size) + " bytes, " +
                   std::to_string(H5Tget_nmembers(type)) + " fields)";
        case H5T_OPAQUE:
            return std::to_string(size) + "-byte opaque";
        case H5T_ARRAY: {
            const hid_t base = H5Tget_super(type);
            std::string s = "array of " + describe_hdf5_type(base);
            H5Tclose(base);
            return s;
        }
        case H5T_VLEN:
            return "variable-length sequence";
        case H5T_REFERENCE:
            return "reference";
        case H5T_TIME:
            return "time";
        default:
            return "unknown type";
    }
}

Result<H5::DataType> hdf5_type_for(const DType& dtype, const std::string& context) {
    const bool big = dtype.endian == Endian::Big;
    switch (dtype.kind) {
        case DTypeKind::Bool: {
            H5::EnumType type(H5::PredType::NATIVE_INT8);
            std::int8_t no = 0, yes = 1;
            type.insert("FALSE", &no);
            type.insert("TRUE", &yes);
            return H5::DataType(type);
        }
        case DTypeKind::Int:
        case DTypeKind::UInt: {
            const bool is_signed = dtype.kind == DTypeKind::Int;
            switch (dtype.itemsize) {
                case 1:
                    return H5::DataType(is_signed ? H5::PredType::STD_I8LE
                                                  : H5::PredType::STD_U8LE);
                case 2:
                    return H5::DataType(
                        is_signed ? (big ? H5::PredType::STD_I16BE : H5::PredType::STD_I16LE)
                                  : (big ? H5::PredType::STD_U16BE : H5::PredType::STD_U16LE));
                case 4:
                    return H5::DataType(
                        is_signed ? (big ? H5::PredType::STD_I32BE : H5::PredType::STD_I32LE)
                                  : (big ? H5::PredType::STD_U32BE : H5::PredType::STD_U32LE));
                case 8:
                    return H5::DataType(
                        is_signed ? (big ? H5::PredType::STD_I64BE : H5::PredType::STD_I64LE)
                                  : (big ? H5::PredType::STD_U64BE : H5::PredType::STD_U64LE));
                default:
                    break;
            }
            break;
        }
        case DTypeKind::Float:
            if (dtype.itemsize == 4)
                return H5::DataType(big ? H5::PredType::IEEE_F32BE : H5::PredType::IEEE_F32LE);
            if (dtype.itemsize == 8)
                return H5::DataType(big ? H5::PredType::IEEE_F64BE : H5::PredType::IEEE_F64LE);
            break;
        case DTypeKind::Bytes: {
            H5::StrType type(H5::PredType::C_S1, dtype.itemsize);
            type.setStrpad(H5T_STR_NULLPAD);
            return H5::DataType(type);
        }
        default:
            break;
    }
    return fail(ErrorCode::Unsupported,
                context + ": cannot write dtype " + dtype.display_name() + " to HDF5");
}

}  // namespace cs
