#include "ui/window/location_opener.h"

#include "core/location/location.h"

namespace cs::ui {

Result<OpenedContainer> openWithCore(const std::string& location) {
    CS_ASSIGN_OR_RETURN(auto opened, open_location(location));
    return OpenedContainer{std::move(opened.container), std::move(opened.inner_path)};
}

}  // namespace cs::ui
