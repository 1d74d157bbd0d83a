#pragma once

#include <QObject>

namespace gdbm::ui {

// The mouse wheel scrolls a page rather than changing the number box or list that passes under
// the pointer: a spin box or combo box takes the wheel only once it has the focus (a click or
// Tab). Without this, scrolling the Training page's settings changed an epoch count unnoticed.
// Installed on the application (QCoreApplication::installEventFilter), it sees every widget.
class WheelGuard : public QObject
{
    Q_OBJECT

public:
    explicit WheelGuard(QObject* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace gdbm::ui
