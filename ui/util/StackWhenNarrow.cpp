#include "util/StackWhenNarrow.h"

#include <QBoxLayout>
#include <QEvent>
#include <QPointer>
#include <QScrollArea>
#include <QSplitter>
#include <algorithm>
#include <functional>

namespace gdbm::ui {
namespace {

// Watches a widget and, once it is in a scrolling page, the page's viewport: a page wider than
// its viewport (it scrolls) must stack by what the user sees, not by its own width.
class Stacker : public QObject
{
public:
    Stacker(QWidget* watched, int wideWidth, std::function<void(bool wide)> apply)
        : QObject(watched), m_watched(watched), m_wide(wideWidth), m_apply(std::move(apply))
    {
        watched->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show) {
            if (!m_area)
                watchViewport();
            // A page wider than its viewport is cut by the difference.
            int visible = m_watched->width();
            if (m_area && m_area->widget())
                visible -= std::max(0, m_area->widget()->width() - m_area->viewport()->width());
            m_apply(visible >= m_wide);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void watchViewport()
    {
        for (QWidget* w = m_watched->parentWidget(); w; w = w->parentWidget()) {
            if (auto* area = qobject_cast<QScrollArea*>(w)) {
                m_area = area;
                area->viewport()->installEventFilter(this);
                return;
            }
        }
    }

    QWidget* m_watched;
    QPointer<QScrollArea> m_area;
    int m_wide;
    std::function<void(bool)> m_apply;
};

} // namespace

void stackWhenNarrow(QSplitter* splitter, int wideWidth)
{
    new Stacker(splitter, wideWidth, [splitter](bool wide) {
        const Qt::Orientation wanted = wide ? Qt::Horizontal : Qt::Vertical;
        if (splitter->orientation() != wanted)
            splitter->setOrientation(wanted);
    });
}

void stackWhenNarrow(QWidget* owner, QBoxLayout* layout, int wideWidth)
{
    new Stacker(owner, wideWidth, [layout](bool wide) {
        const QBoxLayout::Direction wanted = wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
        if (layout->direction() != wanted)
            layout->setDirection(wanted);
    });
}

} // namespace gdbm::ui
