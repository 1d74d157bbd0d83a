#include "util/LabelStyle.h"

#include <QFont>
#include <QLabel>
#include <QPalette>

namespace gdbm::ui {

void makeSecondary(QLabel* label)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
}

} // namespace gdbm::ui
