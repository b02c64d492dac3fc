#include "ui/widgets/axis_picker.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace cs::ui {

AxisPicker::AxisPicker(QWidget* parent)
    : QWidget(parent),
      rows_(new QComboBox(this)),
      cols_(new QComboBox(this)),
      fixedLayout_(new QFormLayout) {
    rows_->setObjectName(QStringLiteral("rowAxis"));
    cols_->setObjectName(QStringLiteral("columnAxis"));
    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(new QLabel(tr("Rows:"), this));
    top->addWidget(rows_);
    top->addSpacing(8);
    top->addWidget(new QLabel(tr("Columns:"), this));
    top->addWidget(cols_);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    fixedLayout_->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(fixedLayout_);
    auto onAxis = [this](QComboBox* changedBox) {
        if (updating_) return;
        // Row and column must differ: swap the other box when the user picks the same axis.
        QComboBox* other = changedBox == rows_ ? cols_ : rows_;
        if (rows_->currentIndex() == cols_->currentIndex() && extent_.size() >= 2) {
            updating_ = true;
            for (int i = 0; i < other->count(); ++i)
                if (i != changedBox->currentIndex()) {
                    other->setCurrentIndex(i);
                    break;
                }
            updating_ = false;
        }
        rebuildSliders();
        emit changed();
    };
    connect(rows_, &QComboBox::currentIndexChanged, this, [this, onAxis] { onAxis(rows_); });
    connect(cols_, &QComboBox::currentIndexChanged, this, [this, onAxis] { onAxis(cols_); });
}

QString AxisPicker::axisName(int axis) const {
    const auto a = static_cast<std::size_t>(axis);
    if (a < names_.size() && !names_[a].empty())
        return QStringLiteral("%1 (axis %2)").arg(QString::fromStdString(names_[a])).arg(axis);
    return tr("axis %1").arg(axis);
}

void AxisPicker::setAxes(const Shape& extent, const std::vector<std::string>& names) {
    updating_ = true;
    extent_ = extent;
    names_ = names;
    rows_->clear();
    cols_->clear();
    for (std::size_t a = 0; a < extent.size(); ++a) {
        const QString label =
            axisName(static_cast<int>(a)) + QStringLiteral(" [%1]").arg(extent[a]);
        rows_->addItem(label);
        cols_->addItem(label);
    }
    const int rank = static_cast<int>(extent.size());
    // Default: the two longest axes in array order (ties: the later ones, as NumPy prints the
    // last two), so (variants, samples, ploidy) shows variants x samples, not samples x 2.
    std::vector<int> order(extent.size());
    for (int a = 0; a < rank; ++a) order[static_cast<std::size_t>(a)] = a;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return extent[static_cast<std::size_t>(a)] > extent[static_cast<std::size_t>(b)] ||
               (extent[static_cast<std::size_t>(a)] == extent[static_cast<std::size_t>(b)] &&
                a > b);
    });
    if (rank >= 2) {
        rows_->setCurrentIndex(std::min(order[0], order[1]));
        cols_->setCurrentIndex(std::max(order[0], order[1]));
    } else {
        rows_->setCurrentIndex(-1);
        cols_->setCurrentIndex(rank >= 1 ? 0 : -1);
    }
    rows_->setEnabled(rank >= 2);
    cols_->setEnabled(rank >= 2);
    updating_ = false;
    rebuildSliders();
}

void AxisPicker::setAxesChoice(int rowAxis, int columnAxis) {
    updating_ = true;
    rows_->setCurrentIndex(rowAxis);
    cols_->setCurrentIndex(columnAxis);
    updating_ = false;
    rebuildSliders();
    emit changed();
}

int AxisPicker::rowAxis() const {
    return extent_.size() >= 2 ? rows_->currentIndex() : -1;
}
int AxisPicker::columnAxis() const {
    return extent_.empty() ? -1 : cols_->currentIndex();
}

std::vector<std::uint64_t> AxisPicker::indices() const {
    std::vector<std::uint64_t> out(extent_.size(), 0);
    for (std::size_t a = 0; a < spins_.size(); ++a)
        if (spins_[a]) out[a] = static_cast<std::uint64_t>(spins_[a]->value());
    return out;
}

void AxisPicker::setIndex(int axis, std::uint64_t index) {
    const auto a = static_cast<std::size_t>(axis);
    if (a < spins_.size() && spins_[a]) spins_[a]->setValue(static_cast<int>(index));
}

void AxisPicker::rebuildSliders() {
    const std::vector<std::uint64_t> previous = indices();
    while (fixedLayout_->rowCount() > 0) fixedLayout_->removeRow(0);
    spins_.assign(extent_.size(), nullptr);
    for (std::size_t a = 0; a < extent_.size(); ++a) {
        const int axis = static_cast<int>(a);
        if (axis == rowAxis() || axis == columnAxis()) continue;
        const int maximum = static_cast<int>(std::min<std::uint64_t>(
            extent_[a] ? extent_[a] - 1 : 0, static_cast<std::uint64_t>(INT_MAX)));
        auto* row = new QWidget(this);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* slider = new QSlider(Qt::Horizontal, row);
        auto* spin = new QSpinBox(row);
        spin->setObjectName(QStringLiteral("index%1").arg(axis));
        slider->setRange(0, maximum);
        spin->setRange(0, maximum);
        if (a < previous.size())
            spin->setValue(static_cast<int>(std::min<std::uint64_t>(previous[a], maximum)));
        slider->setValue(spin->value());
        connect(slider, &QSlider::valueChanged, spin, &QSpinBox::setValue);
        connect(spin, &QSpinBox::valueChanged, slider, &QSlider::setValue);
        connect(spin, &QSpinBox::valueChanged, this, [this] { emit changed(); });
        h->addWidget(slider, 1);
        h->addWidget(spin);
        fixedLayout_->addRow(axisName(axis) + QLatin1Char(':'), row);
        spins_[a] = spin;
    }
}

}  // namespace cs::ui
