// The live resource timelines: CPU (in % of one core; per-core lines as an option), resident
// memory and disk read/write rates, stacked and sharing the Gantt's time axis. Painted by
// ResourcePainter, the same code the report's SVGs come from.
#pragma once

#include <QWidget>

#include "core/trace/snapshot.h"
#include "ui/painters/resource_painter.h"
#include "ui/painters/time_mapping.h"

namespace cs::ui {

class ResourceView : public QWidget {
    Q_OBJECT
public:
    explicit ResourceView(QWidget* parent = nullptr);
    void setRun(const trace::Snapshot& run);
    void setVisibleRange(std::int64_t t0, std::int64_t t1);
    void setPerCore(bool on);
    bool perCore() const { return options_.perCore; }
    QSize sizeHint() const override { return QSize(900, 3 * 130); }
    QSize minimumSizeHint() const override { return QSize(300, 3 * 80); }
    // The rectangle each chart takes in a widget (or picture) of `size`.
    static QRectF chartRect(QSizeF size, int index);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    trace::Snapshot run_;
    TimeMapping mapping_;
    bool follow_ = true;
    ResourceOptions options_;
};

}  // namespace cs::ui
