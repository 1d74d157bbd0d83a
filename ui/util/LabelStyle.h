#pragma once

#include <QString>

class QLabel;

namespace gdbm::ui {

// Small, grey text for secondary information.
void makeSecondary(QLabel* label);

// A page's banner: a pale blue note, or a bold yellow one for what is out of date and needs
// doing. One look for every page.
enum class BannerKind { Note, OutOfDate };
QString bannerStyle(BannerKind kind);
// Shows `text` in the banner's style, or hides the label when text is empty.
void showBanner(QLabel* label, const QString& text, BannerKind kind);

// Red text for a problem that stops an action (settings that do not parse, ...).
void makeProblemText(QLabel* label);

} // namespace gdbm::ui
