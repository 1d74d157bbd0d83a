#include "util/WheelGuard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollBar>

namespace gdbm::ui {
namespace {

bool takesTheWheelForItsValue(const QObject* object)
{
    return qobject_cast<const QAbstractSpinBox*>(object) || qobject_cast<const QComboBox*>(object);
}

} // namespace

WheelGuard::WheelGuard(QObject* parent) : QObject(parent) {}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Polish && takesTheWheelForItsValue(watched)) {
        // Qt's default (WheelFocus) would give it the focus on the first turn of the wheel.
        auto* widget = static_cast<QWidget*>(watched);
        if (widget->focusPolicy() == Qt::WheelFocus)
            widget->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    if (event->type() != QEvent::Wheel || !takesTheWheelForItsValue(watched))
        return false;
    auto* widget = static_cast<QWidget*>(watched);
    if (widget->hasFocus())
        return false;
    // The nearest area around it that can scroll gets the wheel (its viewport, which scrolls the
    // bar of the wheel's direction); none, and the wheel does nothing.
    const auto canScroll = [](const QScrollBar* bar) { return bar->maximum() > bar->minimum(); };
    for (QWidget* around = widget->parentWidget(); around; around = around->parentWidget()) {
        auto* area = qobject_cast<QAbstractScrollArea*>(around);
        if (area && (canScroll(area->verticalScrollBar()) || canScroll(area->horizontalScrollBar()))) {
            QCoreApplication::sendEvent(area->viewport(), event);
            break;
        }
    }
    return true;
}

} // namespace gdbm::ui
