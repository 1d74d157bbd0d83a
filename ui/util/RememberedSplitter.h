#pragma once

class QSplitter;

namespace gdbm::ui {

// Keeps a splitter's panes at the sizes the user last dragged them to, across sessions: restores
// them now from the settings ("layout/<objectName>"), over the defaults set before, and saves
// them whenever a handle moves. Sizes only, not the orientation.
void rememberSplitterSizes(QSplitter* splitter);

} // namespace gdbm::ui
