#include "core/hdf5/hdf5_container.h"

#include <algorithm>

#include "core/hdf5/hdf5.h"
#include "core/hdf5/hdf5_attributes.h"
#include "core/hdf5/hdf5_dataset.h"
#include "core/hdf5/hdf5_error.h"
#include "core/hdf5/hdf5_lock.h"
#include "core/hdf5/hdf5_netcdf.h"
#include "core/hdf5/hdf5_types.h"

namespace cs {

namespace {

// "a/b/" or "/a/b" -> "a/b"; "" and "/" -> "" (the root).
std::string normalize(std::string_view path) {
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        const std::size_t end = std::min(path.find('/', i), path.size());
        if (end > i) {
            if (!out.empty()) out += '/';
            out.append(path.substr(i, end - i));
        }
        i = end;
    }
    return out;
}

std::string absolute(const std::string& path) {
    return "/" + path;
}

std::string last_segment(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
}

std::string link_target(hid_t file, const std::string& path, const H5L_info_t& info) {
    std::string buffer(info.u.val_size + 1, '\0');
    if (H5Lget_val(file, path.c_str(), buffer.data(), buffer.size(), H5P_DEFAULT) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return "?";
    }
    if (info.type == H5L_TYPE_SOFT) return std::string(buffer.c_str());
    const char* target_file = nullptr;
    const char* target_path = nullptr;
    unsigned flags = 0;
    if (H5Lunpack_elink_val(buffer.data(), buffer.size(), &flags, &target_file, &target_path) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return "?";
    }
    return std::string(target_file ? target_file : "?") + ":" + (target_path ? target_path : "?");
}

}  // namespace

Result<std::shared_ptr<Container>> open_hdf5_container(const std::string& path) {
    CS_ASSIGN_OR_RETURN(auto container, Hdf5Container::open(path));
    return std::shared_ptr<Container>(std::move(container));
}

Result<std::shared_ptr<Hdf5Container>> Hdf5Container::open(const std::string& path) {
    CS_ASSIGN_OR_RETURN(auto file, open_hdf5_file(path, Hdf5OpenMode::ReadOnly));
    Hdf5LockGuard lock;
    const bool netcdf = is_netcdf4_file(file->h5.getId());
    return std::shared_ptr<Hdf5Container>(new Hdf5Container(std::move(file), netcdf));
}

Result<NodeSummary> Hdf5Container::summarize(const std::string& path) const {
    NodeSummary node;
    node.path = path;
    node.name = last_segment(path);
    const hid_t file = file_->h5.getId();
    if (path.empty()) return summarize_object(path, node);
    const std::string where = file_->path + "/" + path;
    // Each parent must exist before H5Lget_info may be asked about the child.
    std::string prefix;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            prefix = path.substr(0, i);
            if (H5Lexists(file, absolute(prefix).c_str(), H5P_DEFAULT) <= 0) {
                H5Eclear2(H5E_DEFAULT);
                return fail(ErrorCode::NotFound, where + ": no such group or dataset");
            }
        }
    }
    H5L_info_t info;
    if (H5Lget_info(file, absolute(path).c_str(), &info, H5P_DEFAULT) < 0)
        return std::unexpected(hdf5_error(ErrorCode::NotFound, where, "cannot read the link"));
    if (info.type == H5L_TYPE_SOFT || info.type == H5L_TYPE_EXTERNAL) {
        const std::string kind = info.type == H5L_TYPE_SOFT ? "soft link to " : "external link to ";
        const std::string target = link_target(file, absolute(path), info);
        const htri_t resolves = H5Oexists_by_name(file, absolute(path).c_str(), H5P_DEFAULT);
        if (resolves <= 0) {
            const std::string why = hdf5_error_stack_text();
            node.kind = NodeKind::Broken;
            node.note = "broken " + kind + target + (why.empty() ? "" : " (" + why + ")");
            return node;
        }
        auto target_node = summarize_object(path, node);
        if (!target_node) {
            node.kind = NodeKind::Broken;
            node.note = "broken " + kind + target + " (" + target_node.error().message + ")";
            return node;
        }
        target_node->kind = NodeKind::Link;
        target_node->note =
            kind + target + (target_node->note.empty() ? "" : "; " + target_node->note);
        return target_node;
    }
    if (info.type != H5L_TYPE_HARD) {
        node.kind = NodeKind::Broken;
        node.note = "user-defined link (not supported)";
        return node;
    }
    return summarize_object(path, node);
}

Result<NodeSummary> Hdf5Container::summarize_object(const std::string& path,
                                                    NodeSummary node) const {
    const hid_t file = file_->h5.getId();
    const std::string where = file_->path + "/" + path;
    H5O_info_t oinfo;
    if (H5Oget_info_by_name(file, absolute(path).c_str(), &oinfo, H5P_DEFAULT) < 0)
        return std::unexpected(
            hdf5_error(ErrorCode::Corrupt, where, "cannot read the object header"));
    switch (oinfo.type) {
        case H5O_TYPE_GROUP:
            node.kind = NodeKind::Group;
            return node;
        case H5O_TYPE_NAMED_DATATYPE: {
            // Containers have no kind for types: a named datatype is listed as a link to a type.
            node.kind = NodeKind::Link;
            const hid_t type = H5Topen2(file, absolute(path).c_str(), H5P_DEFAULT);
            node.note = "named datatype";
            if (type >= 0) {
                node.note += ": " + describe_hdf5_type(type);
                H5Tclose(type);
            }
            H5Eclear2(H5E_DEFAULT);
            return node;
        }
        case H5O_TYPE_DATASET:
            break;
        default:
            node.kind = NodeKind::Broken;
            node.note = "unknown object type";
            return node;
    }
    node.kind = NodeKind::Array;
    auto array = Hdf5Array::open(file_, path);
    if (!array) {
        // Unreadable data (a variable-length type, ...) is still shown, with the reason.
        const hid_t dset = H5Dopen2(file, absolute(path).c_str(), H5P_DEFAULT);
        if (dset >= 0) {
            const hid_t type = H5Dget_type(dset);
            node.dtype = describe_hdf5_type(type);
            H5Tclose(type);
            const hid_t space = H5Dget_space(dset);
            std::vector<hsize_t> dims(
                static_cast<std::size_t>(std::max(H5Sget_simple_extent_ndims(space), 0)));
            H5Sget_simple_extent_dims(space, dims.data(), nullptr);
            node.shape.assign(dims.begin(), dims.end());
            H5Sclose(space);
            H5Dclose(dset);
        }
        H5Eclear2(H5E_DEFAULT);
        node.note = "unreadable: " + array.error().message;
        return node;
    }
    const Hdf5Array& a = **array;
    const ArrayMeta& m = a.meta();
    node.shape = m.shape();
    node.chunk_shape = m.chunk_shape();
    node.dtype = m.dtype.display_name();
    node.nbytes = m.nbytes();
    node.stored_bytes = a.storage_size();
    switch (a.netcdf_role()) {
        case NetcdfRole::DimensionOnly:
            node.kind = NodeKind::Dimension;
            node.note = "netCDF dimension without a variable";
            if (!a.max_shape().empty() && a.max_shape()[0] == Hdf5Array::kUnlimited)
                node.note += " (unlimited)";
            node.chunk_shape.clear();
            node.dtype.clear();
            node.nbytes = 0;
            break;
        case NetcdfRole::CoordinateVariable:
            node.note = "coordinate variable";
            break;
        case NetcdfRole::Variable:
            if (!m.dimension_names.empty()) {
                node.note = "dimensions (";
                for (std::size_t i = 0; i < m.dimension_names.size(); ++i)
                    node.note += (i ? ", " : "") + m.dimension_names[i];
                node.note += ")";
            }
            break;
    }
    return node;
}

Result<NodeSummary> Hdf5Container::node(std::string_view path) const {
    const std::string p = normalize(path);
    Hdf5LockGuard lock;
    return hdf5_try(file_->path + "/" + p, [&] { return summarize(p); });
}

Result<std::vector<NodeSummary>> Hdf5Container::children(std::string_view path) const {
    const std::string p = normalize(path);
    const std::string where = file_->path + "/" + p;
    Hdf5LockGuard lock;
    return hdf5_try(where, [&]() -> Result<std::vector<NodeSummary>> {
        CS_ASSIGN_OR_RETURN(NodeSummary self, summarize(p));
        H5O_info_t oinfo;
        // A link to a group lists the group's children.
        if (self.kind == NodeKind::Broken ||
            H5Oget_info_by_name(file_->h5.getId(), absolute(p).c_str(), &oinfo, H5P_DEFAULT) < 0 ||
            oinfo.type != H5O_TYPE_GROUP) {
            H5Eclear2(H5E_DEFAULT);
            return fail(ErrorCode::InvalidArgument, where + ": is not a group");
        }
        std::vector<std::string> names;
        const hid_t group = H5Gopen2(file_->h5.getId(), absolute(p).c_str(), H5P_DEFAULT);
        if (group < 0)
            return std::unexpected(hdf5_error(ErrorCode::NotFound, where, "cannot open the group"));
        hsize_t index = 0;
        const herr_t status =
            H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names);
        H5Gclose(group);
        if (status < 0)
            return std::unexpected(hdf5_error(ErrorCode::Corrupt, where, "cannot list the group"));
        std::sort(names.begin(), names.end());
        return summarize_children(p, names,
                                  [&](const std::string& child) { return summarize(child); });
    });
}

Result<Json> Hdf5Container::attributes(std::string_view path) const {
    const std::string p = normalize(path);
    const std::string where = file_->path + "/" + p;
    Hdf5LockGuard lock;
    return hdf5_try(where, [&]() -> Result<Json> {
        CS_RETURN_IF_ERROR(summarize(p));
        const hid_t obj = H5Oopen(file_->h5.getId(), absolute(p).c_str(), H5P_DEFAULT);
        if (obj < 0)
            return std::unexpected(
                hdf5_error(ErrorCode::NotFound, where, "cannot open the object"));
        auto attrs = read_hdf5_attributes(obj, where, netcdf_);
        H5Oclose(obj);
        return attrs;
    });
}

Result<std::unique_ptr<ChunkedArray>> Hdf5Container::open_array(std::string_view path) const {
    const std::string p = normalize(path);
    CS_ASSIGN_OR_RETURN(auto array, Hdf5Array::open(file_, p));
    if (array->netcdf_role() == NetcdfRole::DimensionOnly)
        return fail(ErrorCode::InvalidArgument,
                    array->describe() + ": is a netCDF dimension without a variable, not data");
    return std::unique_ptr<ChunkedArray>(std::move(array));
}

}  // namespace cs
