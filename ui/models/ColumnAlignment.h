#pragma once

#include <Qt>

namespace gdbm::ui {

// Table cells and headers: numbers right-aligned so that their digits line up, text left.
inline int columnAlignment(bool numeric)
{
    return numeric ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
}

} // namespace gdbm::ui
