#include "util/SavedNotice.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>
#include <QUrl>

namespace gdbm::ui {
namespace {

constexpr int kShownMs = 15000;
const char* const kName = "savedNotice";

QLabel* noticeOf(QWidget* from, bool create)
{
    auto* window = qobject_cast<QMainWindow*>(from ? from->window() : nullptr);
    if (!window)
        return nullptr;
    if (auto* label = window->statusBar()->findChild<QLabel*>(kName))
        return label;
    if (!create)
        return nullptr;
    auto* label = new QLabel;
    label->setObjectName(kName);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    QObject::connect(label, &QLabel::linkActivated, label,
                     [](const QString& folder) { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
    auto* timer = new QTimer(label);
    timer->setObjectName("savedNoticeTimer");
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, label, [label] {
        label->clear();
        label->hide();
    });
    window->statusBar()->insertPermanentWidget(0, label);
    return label;
}

} // namespace

void announceSaved(QWidget* from, const QString& path)
{
    QLabel* label = noticeOf(from, true);
    if (!label)
        return;
    const QFileInfo info(path);
    const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    label->setText(
        QObject::tr("Saved to %1").arg(QDir::toNativeSeparators(path).toHtmlEscaped()) +
        QStringLiteral("  <a href=\"%1\">%2</a>").arg(folder.toHtmlEscaped(), QObject::tr("Open folder")));
    label->setToolTip(QDir::toNativeSeparators(path));
    label->show();
    label->findChild<QTimer*>("savedNoticeTimer")->start(kShownMs);
}

QString savedNoticeText(QWidget* window)
{
    QLabel* label = noticeOf(window, false);
    return label && label->isVisible() ? label->text() : QString();
}

} // namespace gdbm::ui
