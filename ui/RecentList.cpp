#include "RecentList.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <algorithm>

namespace gdbm::ui {
namespace {

constexpr qsizetype kMostEntries = 8;

} // namespace

RecentList::RecentList(QString settingsKey, QMenu* menu, Open open, QObject* parent)
    : QObject(parent), m_key(std::move(settingsKey)), m_menu(menu), m_open(std::move(open))
{
    rebuild();
}

void RecentList::add(const QStringList& files)
{
    QSettings settings;
    QStringList recent = settings.value(m_key).toStringList();
    const QString entry = files.join('\n'); // a file name holds no line break
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > kMostEntries)
        recent.removeLast();
    settings.setValue(m_key, recent);
    rebuild();
}

void RecentList::remove(const QStringList& files)
{
    QSettings settings;
    QStringList recent = settings.value(m_key).toStringList();
    recent.removeAll(files.join('\n'));
    settings.setValue(m_key, recent);
    rebuild();
}

QList<QStringList> RecentList::entries() const
{
    QList<QStringList> out;
    for (const QString& entry : QSettings().value(m_key).toStringList())
        out << entry.split('\n');
    return out;
}

void RecentList::rebuild()
{
    m_menu->clear();
    const QList<QStringList> recent = entries();
    for (const QStringList& files : recent) {
        QStringList names;
        for (const QString& f : files)
            names << QFileInfo(f).fileName();
        QAction* action = m_menu->addAction(names.join(" + "));
        action->setToolTip(files.join('\n'));
        connect(action, &QAction::triggered, this, [this, files] {
            // A file that is gone leaves the list (the open that follows says which one): an
            // entry that can only fail again would stay first in the menu.
            if (!std::all_of(files.begin(), files.end(),
                             [](const QString& f) { return QFileInfo::exists(f); }))
                QMetaObject::invokeMethod(
                    this, [this, files] { remove(files); }, Qt::QueuedConnection);
            m_open(files);
        });
    }
    m_menu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        m_menu->addSeparator();
        connect(m_menu->addAction(tr("Clear list")), &QAction::triggered, this, [this] {
            QSettings().remove(m_key);
            rebuild();
        });
    }
}

} // namespace gdbm::ui
