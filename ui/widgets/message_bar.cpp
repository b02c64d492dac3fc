#include "ui/widgets/message_bar.h"

namespace cs::ui {

MessageBar::MessageBar(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMargin(6);
    setObjectName(QStringLiteral("messageBar"));
    hide();
}

void MessageBar::showMessage(const QString& text, Kind kind) {
    setText(text);
    setStyleSheet(kind == Kind::Error
                      ? QStringLiteral("QLabel{background:#fbe3e1;color:#7a1a12;"
                                       "border:1px solid #e0a39d;border-radius:3px;}")
                      : QStringLiteral("QLabel{background:#e4eff8;color:#17405e;"
                                       "border:1px solid #a9c6de;border-radius:3px;}"));
    show();
}

void MessageBar::clearMessage() {
    clear();
    hide();
}

}  // namespace cs::ui
