#include "util/StackWhenNarrow.h"

#include <QEvent>
#include <QSplitter>

namespace gdbm::ui {
namespace {

class Stacker : public QObject
{
public:
    Stacker(QSplitter* splitter, int wideWidth) : QObject(splitter), m_splitter(splitter), m_wide(wideWidth)
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize) {
            const Qt::Orientation wanted = m_splitter->width() >= m_wide ? Qt::Horizontal : Qt::Vertical;
            if (m_splitter->orientation() != wanted)
                m_splitter->setOrientation(wanted);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QSplitter* m_splitter;
    int m_wide;
};

} // namespace

void stackWhenNarrow(QSplitter* splitter, int wideWidth)
{
    splitter->installEventFilter(new Stacker(splitter, wideWidth));
}

} // namespace gdbm::ui
