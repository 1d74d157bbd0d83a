#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

class QMenu;

namespace gdbm::ui {

// A "recent" menu kept in the settings: entries newest first, at most eight, each one or more
// files (two datasets merged are one entry), with a "Clear list" at the end. The recent datasets
// and the recent projects are two of them.
class RecentList : public QObject
{
    Q_OBJECT

public:
    using Open = std::function<void(const QStringList& files)>;
    // settingsKey: where the list is kept ("recentFiles", "recentProjects"). open: what choosing an
    // entry does.
    RecentList(QString settingsKey, QMenu* menu, Open open, QObject* parent = nullptr);

    // Puts the entry first (moving it there when it is already listed).
    void add(const QStringList& files);
    // Takes the entry out of the list (a file of it is gone).
    void remove(const QStringList& files);
    QList<QStringList> entries() const;

private:
    void rebuild();

    QString m_key;
    QMenu* m_menu;
    Open m_open;
};

} // namespace gdbm::ui
