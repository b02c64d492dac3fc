#include "ui/window/icons.h"

#include <QHash>
#include <QString>

// The resources are compiled into the static ui library, which needs an explicit init call.
static void initChunkscopeResources() {
    Q_INIT_RESOURCE(chunkscope);
}

namespace cs::ui {

QIcon appIcon(const char* name) {
    static const bool initialised = [] {
        initChunkscopeResources();
        return true;
    }();
    (void)initialised;
    static QHash<QString, QIcon> cache;
    const QString key = QString::fromLatin1(name);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.insert(key, QIcon(QStringLiteral(":/icons/%1.svg").arg(key)));
    return *it;
}

}  // namespace cs::ui
