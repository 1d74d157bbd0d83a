#include "sim/Archetype.h"

namespace gdbm::sim {
namespace {

using data::Feature;

Preference range(Feature f, double min, double max = kOpen)
{
    Preference p;
    p.kind = PreferenceKind::Range;
    p.attribute = attributeOf(f);
    p.min = min;
    p.max = max;
    return p;
}

Preference drawnRange(Feature f, double min, double max)
{
    Preference p = range(f, min, max);
    p.kind = PreferenceKind::RangeDrawn;
    return p;
}

Preference ofKind(PreferenceKind kind)
{
    Preference p;
    p.kind = kind;
    return p;
}

Preference genres(std::vector<std::string> names)
{
    Preference p = ofKind(PreferenceKind::Genres);
    p.genres = std::move(names);
    return p;
}

} // namespace

// DATA.md section 3, the seed's values. "popularity 50..max" leaves the upper bound open.
ArchetypeSet defaultArchetypes()
{
    ArchetypeSet set;
    set.archetypes = {
        {"Mainstream Listener",
         0.15,
         80,
         {range(Feature::Popularity, 50), range(Feature::Energy, 0.5, 1),
          range(Feature::Danceability, 0.5, 1), ofKind(PreferenceKind::AnyCommonGenre)}},
        {"Genre-Specific Fan",
         0.15,
         70,
         {range(Feature::Popularity, 20), ofKind(PreferenceKind::CommonGenreDrawn)}},
        {"Casual Listener", 0.15, 60, {range(Feature::Popularity, 30, 70)}},
        {"Mood-Based Listener",
         0.10,
         60,
         {drawnRange(Feature::Valence, 0, 1), drawnRange(Feature::Energy, 0, 1)}},
        {"Loyal Fan", 0.10, 50, {ofKind(PreferenceKind::ArtistDrawn)}},
        {"Discoverer", 0.10, 50, {range(Feature::Popularity, 0, 40)}},
        {"Niche Genre Enthusiast",
         0.05,
         40,
         {range(Feature::Popularity, 0, 30), ofKind(PreferenceKind::NicheGenreDrawn)}},
        {"Audiophile",
         0.05,
         40,
         {range(Feature::Instrumentalness, 0.1, 1), range(Feature::Acousticness, 0.3, 1)}},
        {"Obscure Music Seeker", 0.05, 40, {range(Feature::Popularity, 0, 10)}},
        {"Classical Music Lover",
         0.05,
         40,
         {genres({"classical", "opera", "classical tenor"}), range(Feature::Instrumentalness, 0.5, 1),
          range(Feature::Danceability, 0, 0.4), range(Feature::Speechiness, 0, 0.05)}},
        {"Live Music Fan", 0.05, 40, {range(Feature::Liveness, 0.3, 1)}},
        {"Era-Specific Listener", 0.05, 40, {ofKind(PreferenceKind::DecadeDrawn)}},
    };
    return set;
}

} // namespace gdbm::sim
