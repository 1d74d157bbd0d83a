#include "util/SpinBox.h"

#include <QSpinBox>

namespace gdbm::ui {

QSpinBox* settingSpinBox(const char* name, int min, int max, const QString& tip)
{
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(min, max);
    box->setGroupSeparatorShown(true);
    box->setToolTip(tip);
    return box;
}

} // namespace gdbm::ui
