#pragma once

#include "core/Random.h"
#include "data/Catalog.h"
#include "data/DemoVocabulary.h"

#include <array>
#include <string>
#include <vector>

// The genres of the demo catalog (DemoCatalog.h): families of related genres, and the sound of
// their tracks. Internal to the generator.
namespace gdbm::data::demo {

// Where a family's tracks sit in feature space, before per-artist and per-track variation.
struct SoundProfile
{
    double danceability = 0.6;
    double energy = 0.65;       // median; varied on the logit scale
    double speechiness = 0.045; // median; varied on the log scale
    double speechSpread = 0.42;
    double acousticLogit = -1.0; // acousticness at energy 0.6, on the logit scale
    double valence = 0.55;
    double tempo = 120.0;
    double tempoSpread = 26.0;
    double durationSec = 225.0;
    double loudnessShift = 0.0;        // dB on top of what the energy implies
    double instrumentalArtists = 0.01; // share of artists who mostly record instrumentals
    double live = 0.05;                // share of live recordings
    double explicitRate = 0.05;        // for tracks from 2000 on
    double majorMode = 0.64;
    double tripleMeter = 0.05;
    double collaboration = 0.08; // share of tracks with a featured artist
};

// A family of related genres ("rock": rock, album rock, classic rock, ...). An artist belongs to
// one family and takes 1-3 of its head genres, the first ones far more often, and maybe one of
// its niche genres.
struct GenreFamily
{
    std::string name;
    double share = 0.0;           // of artists, before the decade's affinity
    std::array<double, 8> eras{}; // affinity per decade, 1950s .. 2020s
    SoundProfile sound;
    NameStyle names = NameStyle::Mixed;
    // The real genre names of the family (its heads), most common first, then generated niche ones
    // ("swedish garage rock"). Unique across families.
    std::vector<std::string> genres;
    std::size_t headCount = 0;
};

const std::vector<GenreFamily>& genreFamilies();

// An artist's own sound and habits: offsets from the family's sound, drawn once per artist.
struct ArtistStyle
{
    double energy = 0.0, dance = 0.0, acoustic = 0.0, valence = 0.0, speech = 0.0, tempo = 0.0, length = 0.0;
    double explicitRate = 0.0;
    double live = 0.0;         // share of live recordings
    bool instrumental = false; // records mostly instrumentals
    double popularity = 40.0;  // the centre of the artist's tracks' popularity
    bool obscure = false;      // popularity stays at 30 or below
};

ArtistStyle drawArtistStyle(CounterRng& rng, const SoundProfile& sound);

// The 14 features of one track, rounded as the real file writes them (three decimals, or three
// significant digits for the small ones). Energy drives loudness up and acousticness down;
// danceability and energy lift valence; older tracks are quieter, shorter and happier.
FeatureRow drawTrackFeatures(CounterRng& rng, const SoundProfile& sound, const ArtistStyle& style, int year,
                             bool live);

} // namespace gdbm::data::demo
