#include "util/LabelStyle.h"

#include "util/Theme.h"

#include <QFont>
#include <QLabel>
#include <QPalette>

namespace gdbm::ui {

void makeSecondary(QLabel* label)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    // The palette's own grey, by reference: it follows a change of theme.
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
}

QString bannerStyle(BannerKind kind)
{
    return kind == BannerKind::OutOfDate
               // A yellow sign with dark text reads the same on light and dark windows.
               ? QStringLiteral("background: #fff1c9; color: #6b4b00; border-radius: 4px; font-weight: bold;")
               // The palette's alternate base: a pale panel on light windows, a dim one on dark.
               : QStringLiteral("background: palette(alternate-base); border: 1px solid palette(midlight); "
                                "border-radius: 4px;");
}

void showBanner(QLabel* label, const QString& text, BannerKind kind)
{
    label->setText(text);
    label->setStyleSheet(bannerStyle(kind));
    label->setVisible(!text.isEmpty());
}

void makeProblemText(QLabel* label)
{
    const auto restyle = [label] {
        label->setStyleSheet(QStringLiteral("color: %1;").arg(themeColor(ThemeColor::Problem).name()));
    };
    restyle();
    followTheme(label, restyle);
}

} // namespace gdbm::ui
