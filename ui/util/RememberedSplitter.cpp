#include "RememberedSplitter.h"

#include <QSettings>
#include <QSplitter>
#include <QVariantList>
#include <algorithm>

namespace gdbm::ui {

void rememberSplitterSizes(QSplitter* splitter)
{
    const QString key = QStringLiteral("layout/") + splitter->objectName();
    QList<int> sizes;
    for (const QVariant& size : QSettings().value(key).toList())
        sizes << size.toInt();
    // A hand-edited or outdated entry (another number of panes, a pane of nothing) is ignored.
    if (sizes.size() == splitter->count() &&
        std::all_of(sizes.begin(), sizes.end(), [](int s) { return s > 0; }))
        splitter->setSizes(sizes);
    QObject::connect(splitter, &QSplitter::splitterMoved, splitter, [splitter, key] {
        QVariantList saved;
        for (int size : splitter->sizes())
            saved << size;
        QSettings().setValue(key, saved);
    });
}

} // namespace gdbm::ui
