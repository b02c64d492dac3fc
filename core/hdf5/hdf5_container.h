// An HDF5 or NetCDF-4 file as a Container: groups, datasets, named datatypes and links, with
// netCDF's dimension scales understood (placeholder datasets shown as dimensions, coordinate
// variables marked). Soft and external links are listed as links (broken ones as Broken);
// paths through them resolve like any other.
#pragma once

#include <memory>
#include <string>

#include "core/array/container.h"
#include "core/hdf5/hdf5_file.h"

namespace cs {

class Hdf5Container final : public Container {
public:
    static Result<std::shared_ptr<Hdf5Container>> open(const std::string& path);

    std::string location() const override { return file_->path; }
    std::string format() const override { return netcdf_ ? "NetCDF-4" : "HDF5"; }
    Result<NodeSummary> node(std::string_view path) const override;
    Result<std::vector<NodeSummary>> children(std::string_view path) const override;
    Result<Json> attributes(std::string_view path) const override;
    Result<std::unique_ptr<ChunkedArray>> open_array(std::string_view path) const override;

private:
    Hdf5Container(std::shared_ptr<Hdf5File> file, bool netcdf)
        : file_(std::move(file)), netcdf_(netcdf) {}
    Result<NodeSummary> summarize(const std::string& path) const;  // lock held by the caller
    Result<NodeSummary> summarize_object(const std::string& path, NodeSummary node) const;

    std::shared_ptr<Hdf5File> file_;
    bool netcdf_ = false;
};

}  // namespace cs
