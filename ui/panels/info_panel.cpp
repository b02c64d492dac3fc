#include "ui/panels/info_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/format/display_format.h"
#include "ui/models/info_fields_model.h"
#include "ui/models/json_tree_model.h"
#include "ui/widgets/message_bar.h"

namespace cs::ui {

InfoPanel::InfoPanel(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      message_(new MessageBar(this)),
      fields_(new InfoFieldsModel(this)),
      attributes_(new JsonTreeModel(this)),
      fieldsView_(new QTableView(this)),
      attributesView_(new QTreeView(this)) {
    title_->setTextFormat(Qt::RichText);
    title_->setText(tr("<i>Open a store or file and select an array.</i>"));
    fieldsView_->setModel(fields_);
    fieldsView_->setObjectName(QStringLiteral("infoFields"));
    fieldsView_->verticalHeader()->hide();
    fieldsView_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    fieldsView_->horizontalHeader()->setStretchLastSection(true);
    fieldsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    fieldsView_->setAlternatingRowColors(true);
    fieldsView_->setWordWrap(false);
    fieldsView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);

    attributesView_->setModel(attributes_);
    attributesView_->setObjectName(QStringLiteral("attributes"));
    attributesView_->setAlternatingRowColors(true);
    attributesView_->header()->setStretchLastSection(false);
    attributesView_->header()->setSectionResizeMode(JsonTreeModel::ValueColumn,
                                                    QHeaderView::Stretch);

    auto* attributesBox = new QWidget(this);
    auto* attributesLayout = new QVBoxLayout(attributesBox);
    attributesLayout->setContentsMargins(0, 0, 0, 0);
    attributesLayout->addWidget(new QLabel(tr("<b>Attributes</b>"), attributesBox));
    attributesLayout->addWidget(attributesView_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("infoSplitter"));
    splitter->addWidget(fieldsView_);
    splitter->addWidget(attributesBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(message_);
    layout->addWidget(splitter, 1);
    setTabOrder(fieldsView_, attributesView_);
}

void InfoPanel::showLoading(const QString& what) {
    title_->setText(tr("<b>%1</b> &nbsp;<i>loading…</i>").arg(what.toHtmlEscaped()));
}

void InfoPanel::showNode(NodeDetailsPtr details) {
    message_->clearMessage();
    if (!details) {
        fields_->setFields({});
        attributes_->setDocument(Json::object());
        title_->setText(tr("<i>Open a store or file and select an array.</i>"));
        return;
    }
    const auto& s = details->summary;
    const QString path = QStringLiteral("/") + QString::fromStdString(s.path);
    title_->setText(QStringLiteral("<b>%1</b> &nbsp;—&nbsp; %2 in %3")
                        .arg(path.toHtmlEscaped(), nodeKindName(s.kind),
                             QString::fromStdString(details->container->format()).toHtmlEscaped()));
    fields_->setFields(details->info);
    attributes_->setDocument(details->attributes);
    attributesView_->expandToDepth(0);
    attributesView_->resizeColumnToContents(JsonTreeModel::KeyColumn);
    if (details->error) message_->showMessage(QString::fromStdString(details->error->describe()));
}

}  // namespace cs::ui
