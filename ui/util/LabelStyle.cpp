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

QString bannerStyle(BannerKind kind)
{
    return kind == BannerKind::OutOfDate
               ? QStringLiteral("background: #fff1c9; color: #6b4b00; border-radius: 4px; font-weight: bold;")
               : QStringLiteral("background: #eef3f8; border-radius: 4px;");
}

void showBanner(QLabel* label, const QString& text, BannerKind kind)
{
    label->setText(text);
    label->setStyleSheet(bannerStyle(kind));
    label->setVisible(!text.isEmpty());
}

void makeProblemText(QLabel* label)
{
    label->setStyleSheet(QStringLiteral("color: #a32020;"));
}

} // namespace gdbm::ui
