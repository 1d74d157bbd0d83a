#include "util/Theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

namespace gdbm::ui {
namespace {

constexpr const char* kThemeSetting = "view/theme";
Theme g_current = Theme::System; // GUI thread only

QPalette darkPaletteColors()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6);
    const QColor button(0x35, 0x38, 0x3c), highlight(0x3d, 0x7a, 0xc7), disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x45));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xf0));
    p.setColor(QPalette::LinkVisited, QColor(0xa8, 0x8c, 0xf0));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

// Calls its function when the application palette changes. Qt tells top-level windows with
// ApplicationPaletteChange and their children with PaletteChange (which a widget also gets for
// changes of its own palette, and restyling may cause): the palette's key tells them apart.
class ThemeFollower : public QObject
{
public:
    ThemeFollower(QWidget* widget, std::function<void()> restyle)
        : QObject(widget), m_restyle(std::move(restyle)), m_palette(QApplication::palette().cacheKey())
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange) {
            const qint64 now = QApplication::palette().cacheKey();
            if (now != m_palette) {
                m_palette = now;
                m_restyle();
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_restyle;
    qint64 m_palette; // the application palette last styled for
};

} // namespace

QString themeKey(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

Theme savedTheme()
{
    const QString key = QSettings().value(kThemeSetting).toString();
    for (Theme t : {Theme::Light, Theme::Dark}) {
        if (key == themeKey(t))
            return t;
    }
    return Theme::System;
}

void saveTheme(Theme theme)
{
    QSettings().setValue(kThemeSetting, themeKey(theme));
}

Theme currentTheme()
{
    return g_current;
}

void applyTheme(Theme theme)
{
    g_current = theme;
    // The style the platform chose, kept to go back to it for System.
    static const QString platformStyle = QApplication::style()->name();
    if (theme == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(platformStyle));
        QApplication::setPalette(QPalette()); // no role set: back to the platform's palette
    } else {
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(theme == Theme::Dark ? darkPaletteColors()
                                                      : QApplication::style()->standardPalette());
    }
    // Style sheets resolve their palette(...) references when they are set: set them again.
    for (QWidget* widget : QApplication::allWidgets()) {
        const QString sheet = widget->styleSheet();
        if (sheet.contains(QLatin1String("palette(")))
            widget->setStyleSheet(sheet);
    }
}

bool darkPalette()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

QColor themeColor(ThemeColor color)
{
    const bool dark = darkPalette();
    switch (color) {
    case ThemeColor::Problem:
        return dark ? QColor(0xff, 0x7a, 0x7a) : QColor(0xa3, 0x20, 0x20);
    case ThemeColor::Warning:
        return dark ? QColor(0xff, 0xb0, 0x5c) : QColor(0xb3, 0x59, 0x00);
    case ThemeColor::Good:
        return dark ? QColor(0x7c, 0xc9, 0x80) : QColor(0x2e, 0x7d, 0x32);
    case ThemeColor::Muted:
        return dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x80, 0x80, 0x80);
    case ThemeColor::Background:
        return dark ? QColor(0x55, 0x58, 0x5c) : QColor(0xd0, 0xd0, 0xd0);
    }
    return {};
}

void followTheme(QWidget* widget, std::function<void()> restyle)
{
    widget->installEventFilter(new ThemeFollower(widget, std::move(restyle)));
}

void styleChart(QChart* chart)
{
    const QPalette palette = QApplication::palette();
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(darkPalette() ? 50 : 35);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
}

} // namespace gdbm::ui
