#include "core/hdf5/hdf5_netcdf.h"

#include <cstring>

#include "core/hdf5/hdf5_attributes.h"

namespace cs {

namespace {

constexpr const char* kPlaceholderPrefix = "This is a netCDF dimension but not a netCDF variable";

std::string base_name(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string object_name(hid_t obj) {
    const ssize_t n = H5Iget_name(obj, nullptr, 0);
    if (n <= 0) return {};
    std::string name(static_cast<std::size_t>(n) + 1, '\0');
    H5Iget_name(obj, name.data(), name.size());
    name.resize(static_cast<std::size_t>(n));
    return name;
}

bool attribute_equals(hid_t obj, const char* name, const char* expected) {
    const auto value = read_hdf5_attribute(obj, name);
    return value && value->is_string() && value->as_string() == expected;
}

}  // namespace

NetcdfRole netcdf_role(hid_t dataset) {
    if (!attribute_equals(dataset, "CLASS", "DIMENSION_SCALE")) return NetcdfRole::Variable;
    const auto name = read_hdf5_attribute(dataset, "NAME");
    if (name && name->is_string() && name->as_string().rfind(kPlaceholderPrefix, 0) == 0)
        return NetcdfRole::DimensionOnly;
    return NetcdfRole::CoordinateVariable;
}

std::vector<std::string> netcdf_dimension_names(hid_t dataset, int rank) {
    std::vector<std::string> names;
    if (rank <= 0) return names;
    if (H5Aexists(dataset, "DIMENSION_LIST") <= 0) {
        H5Eclear2(H5E_DEFAULT);
        if (rank == 1 && netcdf_role(dataset) != NetcdfRole::Variable)
            names.push_back(base_name(object_name(dataset)));
        return names;
    }
    const hid_t attr = H5Aopen(dataset, "DIMENSION_LIST", H5P_DEFAULT);
    if (attr < 0) {
        H5Eclear2(H5E_DEFAULT);
        return names;
    }
    const hid_t space = H5Aget_space(attr);
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    // DIMENSION_LIST is a vlen of object references, one entry per axis.
    const hid_t memtype = H5Tvlen_create(H5T_STD_REF_OBJ);
    std::vector<hvl_t> lists(static_cast<std::size_t>(std::max<hssize_t>(count, 0)));
    if (count == rank && H5Aread(attr, memtype, lists.data()) >= 0) {
        for (const hvl_t& list : lists) {
            std::string dim;
            if (list.len > 0 && list.p) {
                hobj_ref_t ref;
                std::memcpy(&ref, list.p, sizeof ref);
                const hid_t scale = H5Rdereference2(dataset, H5P_DEFAULT, H5R_OBJECT, &ref);
                if (scale >= 0) {
                    dim = base_name(object_name(scale));
                    H5Oclose(scale);
                }
            }
            names.push_back(dim);
        }
        H5Dvlen_reclaim(memtype, space, H5P_DEFAULT, lists.data());
    }
    H5Eclear2(H5E_DEFAULT);
    H5Tclose(memtype);
    H5Sclose(space);
    H5Aclose(attr);
    if (names.size() != static_cast<std::size_t>(rank)) names.clear();
    return names;
}

bool is_netcdf4_file(hid_t file) {
    const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
    if (root < 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    const bool yes = H5Aexists(root, "_NCProperties") > 0;
    H5Eclear2(H5E_DEFAULT);
    H5Gclose(root);
    return yes;
}

}  // namespace cs
