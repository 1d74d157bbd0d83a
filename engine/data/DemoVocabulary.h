#pragma once

#include "core/Random.h"

#include <string>

// Names for the demo catalog (DemoCatalog.h): artists, track titles and albums, drawn from word
// lists. Internal to the generator.
namespace gdbm::data::demo {

// Rappers get "Lil X" and mononyms; classical artists are performers and orchestras, their tracks
// "Nocturne No. 3 in E-Flat Major".
enum class NameStyle { Mixed, Rap, Classical };

std::string artistName(CounterRng& rng, NameStyle style);
// A rarer, longer name ("Keith J. Morgan", "Mary Cole & The Velvet Ravens") for when the first
// ones drawn are taken.
std::string longArtistName(CounterRng& rng);
// key is 0..11 (C..B), major the mode; classical titles name them.
std::string trackTitle(CounterRng& rng, NameStyle style, int key, bool major);
std::string albumTitle(CounterRng& rng, NameStyle style, const std::string& artist, bool compilation);

} // namespace gdbm::data::demo
