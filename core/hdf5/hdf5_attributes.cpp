#include "core/hdf5/hdf5_attributes.h"

#include <cstring>
#include <vector>

#include "core/hdf5/hdf5_error.h"
#include "core/hdf5/hdf5_types.h"
#include "core/util/half_float.h"

namespace cs {

namespace {

std::uint64_t load_unsigned(const std::uint8_t* p, std::size_t size, bool big) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t byte = big ? i : size - 1 - i;
        v = (v << 8) | p[byte];
    }
    return v;
}

Json integer_to_json(const std::uint8_t* p, hid_t type) {
    const std::size_t size = H5Tget_size(type);
    if (size == 0 || size > 8) return Json("<" + describe_hdf5_type(type) + ">");
    const bool big = H5Tget_order(type) == H5T_ORDER_BE;
    std::uint64_t v = load_unsigned(p, size, big);
    if (H5Tget_sign(type) == H5T_SGN_NONE) return Json(static_cast<unsigned long long>(v));
    if (size < 8 && (v >> (size * 8 - 1)) & 1) v |= ~std::uint64_t{0} << (size * 8);
    return Json(static_cast<long long>(static_cast<std::int64_t>(v)));
}

Json float_to_json(const std::uint8_t* p, hid_t type) {
    const std::size_t size = H5Tget_size(type);
    const bool big = H5Tget_order(type) == H5T_ORDER_BE;
    const std::uint64_t bits = load_unsigned(p, size, big);
    if (size == 8) {
        double d;
        std::memcpy(&d, &bits, 8);
        return Json(d);
    }
    if (size == 4) {
        const auto b32 = static_cast<std::uint32_t>(bits);
        float f;
        std::memcpy(&f, &b32, 4);
        return Json(static_cast<double>(f));
    }
    if (size == 2) return Json(half_to_double(static_cast<std::uint16_t>(bits)));
    return Json("<" + describe_hdf5_type(type) + ">");
}

Json string_to_json(const std::uint8_t* p, hid_t type) {
    if (H5Tis_variable_str(type) > 0) {
        const char* s = nullptr;
        std::memcpy(&s, p, sizeof s);
        return s ? Json(std::string(s)) : Json(std::string());
    }
    const std::size_t size = H5Tget_size(type);
    std::string s(reinterpret_cast<const char*>(p), size);
    const auto nul = s.find('\0');
    if (nul != std::string::npos) s.resize(nul);
    if (H5Tget_strpad(type) == H5T_STR_SPACEPAD) {
        while (!s.empty() && s.back() == ' ') s.pop_back();
    }
    return Json(std::move(s));
}

Json compound_to_json(const std::uint8_t* p, hid_t type) {
    Json out = Json::object();
    const int members = H5Tget_nmembers(type);
    for (int i = 0; i < members; ++i) {
        char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
        const hid_t member = H5Tget_member_type(type, static_cast<unsigned>(i));
        out[name ? name : ""] =
            hdf5_element_to_json(p + H5Tget_member_offset(type, static_cast<unsigned>(i)), member);
        H5Tclose(member);
        H5free_memory(name);
    }
    return out;
}

Json array_to_json(const std::uint8_t* p, hid_t type) {
    const hid_t base = H5Tget_super(type);
    const std::size_t base_size = H5Tget_size(base);
    const std::size_t count = base_size ? H5Tget_size(type) / base_size : 0;
    Json out = Json::array();
    for (std::size_t i = 0; i < count; ++i)
        out.push_back(hdf5_element_to_json(p + i * base_size, base));
    H5Tclose(base);
    return out;
}

// Nests a flat list of values by the dataspace's dims (C order).
Json nest(const std::vector<Json>& flat, const std::vector<hsize_t>& dims, std::size_t axis,
          std::size_t& at) {
    Json out = Json::array();
    for (hsize_t i = 0; i < dims[axis]; ++i) {
        if (axis + 1 == dims.size()) {
            out.push_back(flat[at++]);
        } else {
            out.push_back(nest(flat, dims, axis + 1, at));
        }
    }
    return out;
}

Result<Json> read_one(hid_t attr, const std::string& context) {
    const hid_t type = H5Aget_type(attr);
    const hid_t space = H5Aget_space(attr);
    if (type < 0 || space < 0) {
        // Take the error stack first: the closes below would clear it.
        Error error = hdf5_error(ErrorCode::Corrupt, context, "cannot read attribute type");
        if (type >= 0) H5Tclose(type);
        if (space >= 0) H5Sclose(space);
        return std::unexpected(std::move(error));
    }
    const H5S_class_t space_class = H5Sget_simple_extent_type(space);
    std::vector<hsize_t> dims(
        static_cast<std::size_t>(std::max(H5Sget_simple_extent_ndims(space), 0)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    const std::size_t size = H5Tget_size(type);
    Result<Json> result = Json();
    if (space_class != H5S_NULL && count > 0 && size > 0) {
        std::vector<std::uint8_t> buffer(static_cast<std::size_t>(count) * size);
        if (H5Aread(attr, type, buffer.data()) < 0) {
            result =
                std::unexpected(hdf5_error(ErrorCode::Corrupt, context, "cannot read attribute"));
        } else {
            std::vector<Json> flat;
            flat.reserve(static_cast<std::size_t>(count));
            for (hssize_t i = 0; i < count; ++i)
                flat.push_back(
                    hdf5_element_to_json(buffer.data() + static_cast<std::size_t>(i) * size, type));
            if (space_class == H5S_SCALAR || dims.empty()) {
                result = flat.front();
            } else {
                std::size_t at = 0;
                result = nest(flat, dims, 0, at);
            }
            // Variable-length members were allocated by the library; give them back.
            H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer.data());
        }
    }
    H5Tclose(type);
    H5Sclose(space);
    return result;
}

struct IterateState {
    Json* out;
    const std::string* context;
    bool netcdf;
};

herr_t visit_attribute(hid_t obj, const char* name, const H5A_info_t*, void* data) {
    auto* state = static_cast<IterateState*>(data);
    const std::string context = *state->context + " attribute '" + name + "'";
    const hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    if (attr < 0) {
        (*state->out)[name] = Json("<unreadable: " + hdf5_error_stack_text() + ">");
        return 0;
    }
    auto value = read_one(attr, context);
    H5Aclose(attr);
    if (value && state->netcdf && value->is_array() && value->size() == 1 &&
        !value->as_array()[0].is_array())
        value = Json(value->as_array()[0]);
    (*state->out)[name] =
        value ? std::move(*value) : Json("<unreadable: " + value.error().message + ">");
    return 0;
}

}  // namespace

Json hdf5_element_to_json(const std::uint8_t* data, hid_t type) {
    switch (H5Tget_class(type)) {
        case H5T_INTEGER:
        case H5T_BITFIELD:
            return integer_to_json(data, type);
        case H5T_ENUM: {
            const hid_t base = H5Tget_super(type);
            Json v = integer_to_json(data, base);
            H5Tclose(base);
            return v;
        }
        case H5T_FLOAT:
            return float_to_json(data, type);
        case H5T_STRING:
            return string_to_json(data, type);
        case H5T_COMPOUND:
            return compound_to_json(data, type);
        case H5T_ARRAY:
            return array_to_json(data, type);
        default:
            return Json("<" + describe_hdf5_type(type) + ">");
    }
}

Result<Json> read_hdf5_attributes(hid_t obj, const std::string& context, bool netcdf) {
    Json out = Json::object();
    IterateState state{&out, &context, netcdf};
    hsize_t index = 0;
    if (H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &index, visit_attribute, &state) < 0)
        return std::unexpected(hdf5_error(ErrorCode::Corrupt, context, "cannot list attributes"));
    return out;
}

std::optional<Json> read_hdf5_attribute(hid_t obj, const char* name) {
    if (H5Aexists(obj, name) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    const hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    if (attr < 0) {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    auto value = read_one(attr, name);
    H5Aclose(attr);
    if (!value) return std::nullopt;
    return std::move(*value);
}

}  // namespace cs
