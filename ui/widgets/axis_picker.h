// Picks a row axis and a column axis of an N-D shape and an index for every other axis
// (slider + spin box each). Used by the chunk map (indices are chunk indices) and the data view
// (element indices).
#pragma once

#include <QWidget>

#include <cstdint>
#include <string>
#include <vector>

#include "core/array/chunk_grid.h"

class QComboBox;
class QFormLayout;
class QSlider;
class QSpinBox;

namespace cs::ui {

class AxisPicker : public QWidget {
    Q_OBJECT
public:
    explicit AxisPicker(QWidget* parent = nullptr);

    // `extent` is the length of each axis; `names` optional axis names (dimension names).
    void setAxes(const Shape& extent, const std::vector<std::string>& names);
    int rowAxis() const;     // -1 when rank < 2
    int columnAxis() const;  // -1 when rank < 1
    // Index chosen for every axis (row/column entries are 0).
    std::vector<std::uint64_t> indices() const;
    void setIndex(int axis, std::uint64_t index);
    void setAxesChoice(int rowAxis, int columnAxis);
    QString axisName(int axis) const;

signals:
    void changed();

private:
    void rebuildSliders();

    Shape extent_;
    std::vector<std::string> names_;
    QComboBox* rows_;
    QComboBox* cols_;
    QFormLayout* fixedLayout_;
    std::vector<QSpinBox*> spins_;  // one per axis; null for row/column axes
    bool updating_ = false;
};

}  // namespace cs::ui
