// NetCDF-4 on top of HDF5: netCDF keeps its dimensions as HDF5 dimension scales. A variable's
// DIMENSION_LIST points at one scale per axis; a scale whose NAME says "This is a netCDF
// dimension but not a netCDF variable" is a placeholder for a dimension with no variable;
// any other scale is a coordinate variable. h5py's dimension scales read the same way.
#pragma once

#include <H5Cpp.h>

#include <string>
#include <vector>

namespace cs {

enum class NetcdfRole {
    Variable,            // ordinary dataset
    CoordinateVariable,  // a dimension scale that is also data (time, lat, ...)
    DimensionOnly,       // netCDF's placeholder dataset for a dimension without a variable
};

// Call with the lock held.
NetcdfRole netcdf_role(hid_t dataset);
// One name per axis from DIMENSION_LIST (the scale's dataset name); a coordinate variable
// without a list names its own dimension. Empty when the dataset has no dimension scales.
std::vector<std::string> netcdf_dimension_names(hid_t dataset, int rank);
// True when the file carries netCDF-4's _NCProperties attribute on the root group.
bool is_netcdf4_file(hid_t file);

}  // namespace cs
