// Runs side by side: a summary table (wall, CPU %, GB/s, stored sizes, ratio, lock wait, and the
// phase shares as one stacked bar; short headers and the run's name elided if it must, so it fits
// the view's width), then the CPU timelines on one shared time axis and the Gantts stacked on the
// same axis. Works for live comparison runs and for reopened profiles alike.
#pragma once

#include <QWidget>

#include <vector>

#include "ui/run/report_writer.h"

class QTableWidget;

namespace cs::ui {

// The pictures part, painted by the run painters (also exported as one PNG/SVG).
class ComparisonCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonCanvas(QWidget* parent = nullptr);
    void setRuns(std::vector<ReportRun> runs);
    static int preferredHeight(const std::vector<ReportRun>& runs);
    static void paintComparison(QPainter& painter, const QRectF& area,
                                const std::vector<ReportRun>& runs);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<ReportRun> runs_;
};

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);
    void setRuns(std::vector<ReportRun> runs);
    const std::vector<ReportRun>& runs() const { return runs_; }
    QTableWidget* table() const { return table_; }
    ComparisonCanvas* canvas() const { return canvas_; }

private:
    void fitRows();

    std::vector<ReportRun> runs_;
    QTableWidget* table_;
    ComparisonCanvas* canvas_;
};

}  // namespace cs::ui
