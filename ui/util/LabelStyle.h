#pragma once

class QLabel;

namespace gdbm::ui {

// Small, grey text for secondary information.
void makeSecondary(QLabel* label);

} // namespace gdbm::ui
