#include "ui/window/demo_location.h"

namespace cs::ui {

Result<std::string> prepareDemoLocation() {
    return fail(ErrorCode::Unsupported, "demo data: the demo writer is not in this build yet");
}

}  // namespace cs::ui
