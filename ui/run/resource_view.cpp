#include "ui/run/resource_view.h"

#include <QPainter>

#include <algorithm>

namespace cs::ui {

ResourceView::ResourceView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ResourceView::setRun(const trace::Snapshot& run) {
    run_ = run;
    if (follow_) {
        mapping_.t0 = 0;
        mapping_.t1 = std::max<std::int64_t>(run_.now_ns, 1000);
    }
    update();
}

void ResourceView::setVisibleRange(std::int64_t t0, std::int64_t t1) {
    follow_ = t0 == 0 && t1 >= run_.now_ns;
    mapping_.t0 = t0;
    mapping_.t1 = std::max(t1, t0 + 1);
    update();
}

void ResourceView::setPerCore(bool on) {
    options_.perCore = on;
    update();
}

QRectF ResourceView::chartRect(QSizeF size, int index) {
    const double h = size.height() / 3;
    return QRectF(0, h * index, size.width(), h);
}

void ResourceView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const ResourceChart charts[] = {ResourceChart::Cpu, ResourceChart::Memory, ResourceChart::Disk};
    for (int i = 0; i < 3; ++i)
        ResourcePainter::paint(p, chartRect(size(), i), run_, mapping_, charts[i], options_);
}

}  // namespace cs::ui
