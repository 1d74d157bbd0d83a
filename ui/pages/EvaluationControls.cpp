// The Evaluation page's controls: K, the holdout seed, the splits, the protocol shown, run,
// cancel, the progress and the CSV export.
#include "pages/EvaluationPage.h"
#include "rec/Comparison.h"
#include "rec/MethodTable.h"
#include "util/Format.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <algorithm>

namespace gdbm::ui {

QLayout* EvaluationPage::buildControls()
{
    const QSettings settings;

    m_k = new QSpinBox;
    m_k->setObjectName("evalK");
    m_k->setRange(1, 1000);
    m_k->setValue(settings.value("evaluation/k", 10).toInt());
    m_k->setToolTip(tr("K: the length of each user's recommendation list"));
    m_seed = new QSpinBox;
    m_seed->setObjectName("evalSeed");
    m_seed->setRange(0, 2'000'000'000);
    m_seed->setValue(settings.value("evaluation/seed", 1).toInt());
    m_seed->setToolTip(tr("Chooses what is held out (each user's 20% of tracks; the 10% of tracks that "
                          "become new) and the random baseline"));
    m_splits = new QSpinBox;
    m_splits->setObjectName("evalSplits");
    m_splits->setRange(1, int(rec::kMaxSplits));
    m_splits->setValue(settings.value("evaluation/splits", 1).toInt());
    m_splits->setToolTip(tr("Repeat the evaluation on this many splits (holdout seeds from the one set): the "
                            "summary says whether the DBM's difference holds across them"));
    for (QSpinBox* setting : {m_k, m_splits})
        connect(setting, &QSpinBox::valueChanged, this, &EvaluationPage::updateBanner);
    m_protocol = new QComboBox;
    m_protocol->setObjectName("evalProtocol");
    for (const rec::ProtocolInfo& info : rec::protocolTable()) {
        m_protocol->addItem(fromStd(info.label), fromStd(info.key));
        m_protocol->setItemData(m_protocol->count() - 1, fromStd(info.description), Qt::ToolTipRole);
    }
    m_protocol->setCurrentIndex(
        std::max(0, m_protocol->findData(settings.value("evaluation/protocol", "warm"))));
    m_protocol->setToolTip(tr("Which protocol the table and the chart show (a run evaluates both)"));
    m_run = new QPushButton(tr("Run evaluation"));
    m_run->setObjectName("evalRun");
    m_run->setDefault(true);
    m_run->setToolTip(tr("Compare the DBM's recommendations with the baselines on both protocols: "
                         "returning listeners and new tracks"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName("evalCancel");
    m_cancel->setToolTip(tr("Stop the evaluation; the one shown is kept"));
    m_cancel->setEnabled(false);
    m_exportCsv = new QPushButton(tr("Export CSV..."));
    m_exportCsv->setObjectName("evalExportCsv");
    m_exportCsv->setToolTip(tr("Every value, overall and per archetype: method, archetype, metric, value"));
    m_progress = new QProgressBar;
    m_progress->setObjectName("evalProgress");
    m_progress->setVisible(false);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Top K:")));
    controls->addWidget(m_k);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Holdout seed:")));
    controls->addWidget(m_seed);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Splits:")));
    controls->addWidget(m_splits);
    controls->addSpacing(12);
    controls->addWidget(m_run);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress, 1);
    controls->addStretch();
    controls->addWidget(m_exportCsv);
    return controls;
}

} // namespace gdbm::ui
