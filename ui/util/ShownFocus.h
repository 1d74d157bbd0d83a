#pragma once

#include <QVariant>
#include <QWidget>

namespace gdbm::ui {

// The widget that takes the keys when a page (or a pane of it) is shown: the list the page is
// about (Ctrl+1 then Down moves to the next track). Not QWidget::setFocusProxy: Tab into a
// widget with a focus proxy lands on the proxy and goes on from there, so the search fields
// laid out before a page's table could not be reached with Tab at all.
inline void setShownFocus(QWidget* owner, QWidget* target)
{
    owner->setProperty("shownFocus", QVariant::fromValue(static_cast<QObject*>(target)));
}

// The widget `owner` names, or the one that one names in turn (a page names its list pane, the
// pane its table); nullptr when it names none.
inline QWidget* shownFocus(QWidget* owner)
{
    QWidget* target = nullptr;
    for (QWidget* w = owner; w;) {
        w = qobject_cast<QWidget*>(w->property("shownFocus").value<QObject*>());
        if (w)
            target = w;
    }
    return target;
}

} // namespace gdbm::ui
