#include "util/Format.h"

#include "core/Text.h"

namespace gdbm::ui {

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString thousands(std::size_t n)
{
    return QString::fromStdString(text::withThousands(static_cast<long long>(n)));
}

QString countOf(std::size_t n, const QString& singular, const QString& plural)
{
    return thousands(n) + ' ' + (n == 1 ? singular : plural);
}

} // namespace gdbm::ui
