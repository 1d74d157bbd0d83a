#pragma once

#include <QColor>
#include <QString>
#include <functional>

class QChart;
class QWidget;

// The app's look: the desktop's palette (System), or the app's own light or dark one, chosen in
// View > Theme and remembered. Every colour the app sets itself comes from here, for the palette
// in force, and is set again when the palette changes, so a page never keeps light colours on
// a dark background.
namespace gdbm::ui {

enum class Theme { System, Light, Dark };

QString themeKey(Theme theme); // "system", "light", "dark" (the settings' values)
Theme savedTheme();            // System when nothing (or something unknown) was saved
void saveTheme(Theme theme);
// Sets the application palette: the platform's for System, else the app's light or dark one
// (with the Fusion style, whose drawing follows the palette everywhere).
void applyTheme(Theme theme);
// The theme applied last (the saved one, or --theme's for the session).
Theme currentTheme();
// Whether the palette in force is dark (its window colour is).
bool darkPalette();

// The app's own colours, each in a light and a dark variant.
enum class ThemeColor {
    Problem,    // text of a problem that stops an action
    Warning,    // text of something to look at (shares that do not sum to 1)
    Good,       // a recommendation that fits the listener
    Muted,      // what is there but not in use
    Background, // the points behind an embedding map
};
QColor themeColor(ThemeColor color);

// Calls `restyle` whenever the application palette changes, while `widget` lives (the caller
// styles the widget the first time itself).
void followTheme(QWidget* widget, std::function<void()> restyle);

// A chart's background, title, legend and axes in the palette's colours (its series keep theirs).
// Call after adding axes; charts that replace axes call it again.
void styleChart(QChart* chart);

} // namespace gdbm::ui
