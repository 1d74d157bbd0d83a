#pragma once

class QBoxLayout;
class QSplitter;
class QWidget;

namespace gdbm::ui {

// Lays the splitter's panes side by side while at least `wideWidth` pixels of it are visible and
// one under the other below that (charts under their table on a narrow screen), as it resizes.
// Visible: in a page that scrolls sideways, the page's viewport is what counts.
void stackWhenNarrow(QSplitter* splitter, int wideWidth);
// The same for a box layout of `owner`: left to right when wide, top to bottom when narrow.
void stackWhenNarrow(QWidget* owner, QBoxLayout* layout, int wideWidth);

} // namespace gdbm::ui
