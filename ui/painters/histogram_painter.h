// A histogram of values (chunk stored sizes) on any QPainter: bars, a count axis and a value
// axis labelled through a formatter.
#pragma once

#include <QRectF>
#include <QString>

#include <functional>
#include <vector>

class QPainter;

namespace cs::ui {

struct Histogram {
    double min = 0;
    double max = 0;
    std::vector<int> counts;

    // `bins` equal-width bins over [min, max] of `values`; one bin when all values are equal.
    static Histogram of(const std::vector<double>& values, int bins);
    int maxCount() const;
};

class HistogramPainter {
public:
    HistogramPainter(const Histogram& histogram, QString valueTitle,
                     std::function<QString(double)> valueLabel);
    void paint(QPainter& painter, const QRectF& bounds) const;

private:
    const Histogram& histogram_;
    QString valueTitle_;
    std::function<QString(double)> valueLabel_;
};

}  // namespace cs::ui
