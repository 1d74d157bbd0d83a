#pragma once

#include <QString>
#include <cstddef>
#include <string_view>

// How the app writes text from the engine, counts and plurals: one place, so every page says
// "1,050 users" and "1 track" the same way.
namespace gdbm::ui {

// UTF-8 text from the engine.
QString fromStd(std::string_view s);

// A count with thousands separators, "1,050", as the engine and the CLI write it.
QString thousands(std::size_t n);

// A count and its noun: "1 track", "0 tracks", "1,050 tracks" (singular for exactly 1).
QString countOf(std::size_t n, const QString& singular, const QString& plural);

} // namespace gdbm::ui
