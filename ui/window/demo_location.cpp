#include "ui/window/demo_location.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "core/engine/demo_data.h"

namespace cs::ui {

Result<std::vector<std::string>> prepareDemoLocations(std::string cacheDir) {
    QString dir = QString::fromStdString(cacheDir);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
              QStringLiteral("/demo");
    // The marker is written last: a demo interrupted half-way is written again next time.
    const QString marker =
        QDir(dir).filePath(QStringLiteral(".chunkscope-demo-%1").arg(kDemoScale));
    if (!QFile::exists(marker)) {
        if (!QDir().mkpath(dir))
            return fail(ErrorCode::Io, dir.toStdString() + ": cannot create the demo folder");
        engine::DemoDataOptions options;
        options.scale = kDemoScale;
        CS_RETURN_IF_ERROR(engine::write_demo_data(dir.toStdString(), options));
        QFile done(marker);
        if (!done.open(QIODevice::WriteOnly))
            return fail(ErrorCode::Io, marker.toStdString() + ": cannot write");
    }
    std::vector<std::string> locations;
    for (const char* name : {"genotype_lz4.zarr", "genotype_zlib.zarr", "genotype.h5", "wvel.zarr"})
        locations.push_back(QDir(dir).filePath(QString::fromLatin1(name)).toStdString());
    return locations;
}

}  // namespace cs::ui
