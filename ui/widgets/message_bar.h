// A coloured line at the top of a panel that says what went wrong (or is going on) without a
// modal dialog, so the rest of the window keeps working.
#pragma once

#include <QLabel>

namespace cs::ui {

class MessageBar : public QLabel {
    Q_OBJECT
public:
    enum class Kind { Error, Info };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind = Kind::Error);
    void clearMessage();
};

}  // namespace cs::ui
