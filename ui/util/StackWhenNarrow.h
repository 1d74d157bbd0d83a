#pragma once

class QSplitter;

namespace gdbm::ui {

// Lays the splitter's panes side by side while it is at least `wideWidth` pixels wide and one
// under the other below that (charts under their table on a narrow screen), as it resizes.
void stackWhenNarrow(QSplitter* splitter, int wideWidth);

} // namespace gdbm::ui
