#include "util/StackWhenNarrow.h"

#include <QAbstractScrollArea>
#include <QEvent>
#include <QPointer>
#include <QSplitter>
#include <algorithm>

namespace gdbm::ui {
namespace {

// Watches the splitter and, once it is in a scrolling page, the page's viewport: a page wider
// than its viewport (it scrolls) must stack by what the user sees, not by its own width.
class Stacker : public QObject
{
public:
    Stacker(QSplitter* splitter, int wideWidth) : QObject(splitter), m_splitter(splitter), m_wide(wideWidth)
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show) {
            if (!m_viewport)
                watchViewport();
            update();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void watchViewport()
    {
        for (QWidget* w = m_splitter->parentWidget(); w; w = w->parentWidget()) {
            if (auto* area = qobject_cast<QAbstractScrollArea*>(w)) {
                m_viewport = area->viewport();
                m_viewport->installEventFilter(this);
                return;
            }
        }
    }

    void update()
    {
        int available = m_splitter->width();
        if (m_viewport)
            available = std::min(available, m_viewport->width());
        const Qt::Orientation wanted = available >= m_wide ? Qt::Horizontal : Qt::Vertical;
        if (m_splitter->orientation() != wanted)
            m_splitter->setOrientation(wanted);
    }

    QSplitter* m_splitter;
    QPointer<QWidget> m_viewport;
    int m_wide;
};

} // namespace

void stackWhenNarrow(QSplitter* splitter, int wideWidth)
{
    splitter->installEventFilter(new Stacker(splitter, wideWidth));
}

} // namespace gdbm::ui
