#pragma once

#include <QString>

class QSpinBox;

namespace gdbm::ui {

// A spin box of the settings forms: its object name (what tests and remembered settings find it
// by), its range, thousands separators and a tooltip.
QSpinBox* settingSpinBox(const char* name, int min, int max, const QString& tip);

} // namespace gdbm::ui
