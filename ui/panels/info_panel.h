// Info tab: what `chunkscope-cli info` says about the selected item, and its attributes as an
// expandable tree.
#pragma once

#include <QWidget>

#include "ui/window/node_details.h"

class QLabel;
class QTableView;
class QTreeView;

namespace cs::ui {

class InfoFieldsModel;
class JsonTreeModel;
class MessageBar;

class InfoPanel : public QWidget {
    Q_OBJECT
public:
    explicit InfoPanel(QWidget* parent = nullptr);

    void showNode(NodeDetailsPtr details);
    void showLoading(const QString& what);

    InfoFieldsModel* fieldsModel() const { return fields_; }
    JsonTreeModel* attributesModel() const { return attributes_; }
    MessageBar* messageBar() const { return message_; }

private:
    QLabel* title_;
    MessageBar* message_;
    InfoFieldsModel* fields_;
    JsonTreeModel* attributes_;
    QTableView* fieldsView_;
    QTreeView* attributesView_;
};

}  // namespace cs::ui
