#include "data/DemoCatalog.h"

#include "core/Error.h"
#include "core/Random.h"
#include "core/Text.h"
#include "data/DemoGenres.h"
#include "data/DemoVocabulary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <tbb/task_group.h>
#include <unordered_map>

namespace gdbm::data {
namespace {

using demo::GenreFamily;

// Every stream is keyed by (seed, DemoCatalog, a, b): a names the thing, so that artists, tracks
// and albums can be generated in any order or in parallel and still come out the same.
constexpr std::uint64_t kArtistStream = 0;
constexpr std::uint64_t kTrackStream = 1ull << 40;
constexpr std::uint64_t kAlbumStream = 2ull << 40;
constexpr std::uint64_t kOrderStream = 3ull << 40;

constexpr int kFirstYear = 1950;
constexpr int kLastYear = 2023;
constexpr std::size_t kMaxArtistTracks = 50;
constexpr double kHeadSkew = 2.8;   // head genre r of a family is drawn with weight (r + 1.5)^-skew
constexpr double kNicheShare = 0.3; // of small artists, who also take one niche genre
// Artists per decade of their debut, 1950s .. 2020s.
constexpr std::array<double, 8> kDecadeShare = {0.035, 0.11, 0.13, 0.14, 0.13, 0.17, 0.2, 0.035};
constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct Artist
{
    std::string name;
    std::size_t family = 0;
    std::vector<std::size_t> genres; // indices into the family's genres
    std::size_t tracks = 0;
    int debut = 0;
    int career = 0; // years
    std::size_t albums = 1;
    demo::ArtistStyle style;
};

template <std::size_t N>
std::size_t pickWeighted(CounterRng& rng, const std::array<double, N>& weights)
{
    double u = rng.uniform() * std::accumulate(weights.begin(), weights.end(), 0.0);
    for (std::size_t i = 0; i + 1 < N; ++i) {
        if ((u -= weights[i]) < 0.0)
            return i;
    }
    return N - 1;
}

// An index drawn with the weights whose running sums are given, among the first `limit` only.
std::size_t pickCumulative(CounterRng& rng, const std::vector<double>& cumulative,
                           std::size_t limit = SIZE_MAX)
{
    const double u = rng.uniform() * cumulative[std::min(limit, cumulative.size()) - 1];
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    return std::min(std::size_t(it - cumulative.begin()), cumulative.size() - 1);
}

// "2009", "2009-10" or "1975-01-01", as in the real file; older albums more often by year only.
std::string releaseDate(CounterRng& rng, int year)
{
    const double u = rng.uniform();
    char text[16];
    if (u < (year < 1990 ? 0.3 : 0.14))
        std::snprintf(text, sizeof text, "%04d", year);
    else if (u < (year < 1990 ? 0.33 : 0.17))
        std::snprintf(text, sizeof text, "%04d-%02d", year, int(1 + rng.below(12)));
    else if (u < (year < 1990 ? 0.45 : 0.22))
        std::snprintf(text, sizeof text, "%04d-01-01", year);
    else {
        const int month = int(1 + rng.below(12)); // before the day: argument order is unspecified
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, int(1 + rng.below(28)));
    }
    return text;
}

struct Generator
{
    const DemoCatalogParams& params;
    const std::vector<GenreFamily>& families = demo::genreFamilies();
    std::vector<std::vector<double>> headCumulative;   // per family, Zipf-like over its heads
    std::array<std::vector<double>, 8> familyByDecade; // cumulative share x era affinity
    std::vector<Artist> artists;
    std::vector<std::size_t> slotEnds; // artist k owns track slots [slotEnds[k-1], slotEnds[k])
    std::vector<std::vector<std::size_t>> familyArtists;
    std::vector<std::vector<double>> familyOutput; // cumulative tracks of familyArtists

    explicit Generator(const DemoCatalogParams& p) : params(p)
    {
        for (const GenreFamily& family : families) {
            std::vector<double> cumulative;
            double total = 0.0;
            for (std::size_t r = 0; r < family.headCount; ++r)
                cumulative.push_back(total += std::pow(double(r) + 1.5, -kHeadSkew));
            headCumulative.push_back(std::move(cumulative));
        }
        for (std::size_t d = 0; d < 8; ++d) {
            double total = 0.0;
            for (const GenreFamily& family : families)
                familyByDecade[d].push_back(total += family.share * family.eras[d]);
        }
    }

    CounterRng stream(std::uint64_t a, std::uint64_t b = 0) const
    {
        return CounterRng(params.seed, RandomPurpose::DemoCatalog, a, b);
    }

    Artist makeArtist(std::size_t k) const
    {
        CounterRng rng = stream(kArtistStream + k);
        Artist a;
        const std::size_t decade = pickWeighted(rng, kDecadeShare);
        a.family = pickCumulative(rng, familyByDecade[decade]);
        const GenreFamily& family = families[a.family];
        // Tracks per artist: a truncated power law, P(n >= k) = k^-1.5.
        a.tracks = std::min(kMaxArtistTracks, std::size_t(std::pow(1.0 - rng.uniform(), -1.0 / 1.5)));
        a.debut = std::min(kLastYear, kFirstYear + int(10 * decade + rng.below(10)));
        a.career = std::min(kLastYear - a.debut, 1 + int(a.tracks / 3 + rng.below(8)));
        a.albums = 1 + a.tracks / 5 + rng.below(2);
        // 1-3 head genres (prolific artists define the big ones), and for some small artists a
        // niche genre of the family as well.
        const std::size_t heads = 1 + pickWeighted(rng, std::array{0.55, 0.3, 0.15});
        const std::size_t limit = a.tracks >= 8 ? 8 : SIZE_MAX;
        for (int tries = 0; a.genres.size() < heads && tries < 20; ++tries) {
            const std::size_t g = pickCumulative(rng, headCumulative[a.family], limit);
            if (std::find(a.genres.begin(), a.genres.end(), g) == a.genres.end())
                a.genres.push_back(g);
        }
        const std::size_t niche = family.genres.size() - family.headCount;
        if (a.tracks <= 5 && niche > 0 && rng.bernoulli(kNicheShare))
            a.genres.push_back(family.headCount + rng.below(niche));
        a.style = demo::drawArtistStyle(rng, family.sound);
        a.style.popularity = 41.0 + 14.0 * rng.normal() + 4.0 * std::log(double(a.tracks));
        a.name = demo::artistName(rng, family.names);
        return a;
    }

    void makeArtists(const CancelFlag* cancel)
    {
        std::unordered_map<std::string, int> names; // how many artists drew each name
        names.reserve(params.tracks / 2 + 16);
        artists.reserve(params.tracks / 2 + 16);
        std::size_t slots = 0;
        for (std::size_t k = 0; slots < params.tracks; ++k) {
            if (cancel != nullptr && k % 4096 == 0 && cancel->load())
                throw Cancelled();
            Artist a = makeArtist(k);
            // Names must be unique: the catalog merges artists by name. Generated names hold no
            // digits, so numbering the few that still collide (in huge catalogs) keeps them unique.
            CounterRng rename = stream(kArtistStream + k, 1);
            for (int attempt = 0; attempt < 3 && names.contains(a.name); ++attempt)
                a.name = attempt == 0 ? demo::artistName(rename, families[a.family].names)
                                      : demo::longArtistName(rename);
            if (const int uses = ++names[a.name]; uses > 1) {
                a.name += ' ';
                a.name += std::to_string(uses);
            }
            a.tracks = std::min(a.tracks, params.tracks - slots);
            slots += a.tracks;
            slotEnds.push_back(slots);
            artists.push_back(std::move(a));
        }

        // Artists of a genre that ends up niche (DATA.md 2.4: at most 5 tracks in 10,000) are
        // obscure, so a listener of niche genres with popularity 0..30 finds their tracks.
        std::vector<std::vector<std::size_t>> genreTracks;
        for (const GenreFamily& family : families)
            genreTracks.emplace_back(family.genres.size(), 0);
        for (const Artist& a : artists) {
            for (std::size_t g : a.genres)
                genreTracks[a.family][g] += a.tracks;
        }
        const double obscureAtMost = std::max(2.0, std::round(10.0 * std::min(1.0, params.tracks / 10000.0)));
        familyArtists.resize(families.size());
        familyOutput.resize(families.size());
        for (std::size_t k = 0; k < artists.size(); ++k) {
            Artist& a = artists[k];
            for (std::size_t g : a.genres)
                a.style.obscure = a.style.obscure || double(genreTracks[a.family][g]) <= obscureAtMost;
            const double before = familyOutput[a.family].empty() ? 0.0 : familyOutput[a.family].back();
            familyArtists[a.family].push_back(k);
            familyOutput[a.family].push_back(before + double(a.tracks));
        }
    }

    std::size_t artistOfSlot(std::size_t slot) const
    {
        return std::size_t(std::upper_bound(slotEnds.begin(), slotEnds.end(), slot) - slotEnds.begin());
    }

    // The album a track comes from: name and release date, the same for all its tracks.
    std::pair<std::string, std::string> album(std::size_t k, std::size_t albumIndex, int& year) const
    {
        const Artist& a = artists[k];
        CounterRng rng = stream(kAlbumStream + k, std::uint64_t(albumIndex) << 20);
        year = a.debut + int(std::lround(a.career * (double(albumIndex) + rng.uniform()) / double(a.albums)));
        const bool compilation = a.albums >= 3 && albumIndex + 1 == a.albums && rng.bernoulli(0.5);
        if (compilation)
            year += 5 + int(rng.below(25));
        year = std::min(year, kLastYear);
        std::string name = demo::albumTitle(rng, families[a.family].names, a.name, compilation);
        return {std::move(name), releaseDate(rng, year)};
    }

    std::string trackUri(std::size_t slot, CounterRng& rng) const
    {
        // The first 11 characters encode a bijection of the slot, so URIs never collide.
        std::uint64_t unique = mix64(slot ^ mix64(params.seed));
        std::string uri = "spotify:track:";
        for (int i = 0; i < 11; ++i, unique /= 62)
            uri += kBase62[unique % 62];
        for (int i = 0; i < 11; ++i)
            uri += kBase62[rng.below(62)];
        return uri;
    }

    // A featured artist of the same family and era, some of them prolific; from 1990 on, a few
    // crossovers between families. k when none fits.
    std::size_t partner(CounterRng& rng, std::size_t k, int year) const
    {
        const Artist& a = artists[k];
        const bool crossover = year >= 1990 && rng.bernoulli(0.15);
        const std::vector<std::size_t>& peers = familyArtists[a.family];
        for (int tries = 0; tries < 8; ++tries) {
            const std::size_t other =
                crossover ? artistOfSlot(rng.below(params.tracks))
                          : peers[rng.bernoulli(0.5) ? pickCumulative(rng, familyOutput[a.family])
                                                     : rng.below(peers.size())];
            if (other != k && std::abs(artists[other].debut - a.debut) <= 15)
                return other;
        }
        return k;
    }

    std::pair<TrackFields, FeatureRow> makeTrack(std::size_t slot) const
    {
        const std::size_t k = artistOfSlot(slot);
        const Artist& a = artists[k];
        const GenreFamily& family = families[a.family];
        CounterRng rng = stream(kTrackStream + slot);

        TrackFields fields;
        fields.uri = trackUri(slot, rng);
        const bool single = rng.bernoulli(0.22);
        int year = 0;
        if (single) {
            year = std::min(kLastYear, a.debut + int(rng.below(std::uint64_t(a.career) + 1)));
            fields.releaseDate = releaseDate(rng, year);
        } else {
            std::tie(fields.album, fields.releaseDate) = album(k, rng.below(a.albums), year);
        }
        fields.year = year;
        const bool live = rng.bernoulli(a.style.live);
        const FeatureRow features = demo::drawTrackFeatures(rng, family.sound, a.style, year, live);
        const double eraExplicit = year < 1990 ? 0.05 : year < 2000 ? 0.5 : 1.0;
        fields.isExplicit = rng.bernoulli(a.style.explicitRate * eraExplicit);

        fields.name = demo::trackTitle(rng, family.names, int(features[index(Feature::Key)]),
                                       features[index(Feature::Mode)] > 0.5);
        if (single)
            fields.album = fields.name;
        // Like Spotify's Artist Genres: the genres of the track's artists.
        fields.artists.push_back(a.name);
        for (std::size_t g : a.genres)
            fields.genres.push_back(family.genres[g]);
        if (rng.bernoulli(family.sound.collaboration)) {
            if (const std::size_t other = partner(rng, k, year); other != k) {
                const Artist& b = artists[other];
                fields.artists.push_back(b.name);
                for (std::size_t g : b.genres)
                    fields.genres.push_back(families[b.family].genres[g]);
                if (rng.bernoulli(0.5))
                    fields.name += " (feat. " + b.name + ")";
            }
        }
        if (live && rng.bernoulli(0.5))
            fields.name += " - Live";
        else if (year < 1990 && rng.bernoulli(0.15))
            fields.name += " - Remastered " + std::to_string(std::max(year + 10, 1995 + int(rng.below(25))));
        else if (!live && year >= 1995 && rng.bernoulli(0.04))
            fields.name += " - Radio Edit";
        fields.artistsText = text::join(fields.artists, ", ");
        return {std::move(fields), features};
    }
};

} // namespace

Catalog generateDemoCatalog(const DemoCatalogParams& params, const ProgressCallback& progress,
                            const CancelFlag* cancel)
{
    const std::string stage = "Generating demo catalog";
    const std::size_t total = params.tracks;
    if (progress)
        progress({stage, 0, total});

    Generator generator(params);
    generator.makeArtists(cancel);

    // Rows come in a shuffled order, as in a playlist export, not grouped by artist.
    std::vector<std::uint32_t> order(total);
    std::iota(order.begin(), order.end(), 0u);
    CounterRng shuffle = generator.stream(kOrderStream);
    for (std::size_t i = total; i > 1; --i)
        std::swap(order[i - 1], order[shuffle.below(i)]);

    // A track is a pure function of its slot, so batches (1% each) are generated on another thread
    // while this one adds the previous batch to the catalog.
    using Batch = std::vector<std::pair<TrackFields, FeatureRow>>;
    const std::size_t step = std::max<std::size_t>(1, total / 100);
    const auto makeBatch = [&generator, &order, total, step](std::size_t begin) {
        Batch batch;
        for (std::size_t i = begin; i < std::min(total, begin + step); ++i)
            batch.push_back(generator.makeTrack(order[i]));
        return batch;
    };
    Catalog catalog;
    // The next batch is generated (a oneTBB task, within its thread limit) while this one is
    // added to the catalog.
    tbb::task_group producer;
    Batch next;
    if (total > 0)
        producer.run([&] { next = makeBatch(0); });
    for (std::size_t begin = 0; begin < total; begin += step) {
        producer.wait();
        Batch batch = std::move(next);
        next.clear();
        if (cancel != nullptr && cancel->load())
            throw Cancelled();
        if (begin + step < total)
            producer.run([&, from = begin + step] { next = makeBatch(from); });
        for (auto& [fields, features] : batch)
            catalog.addTrack(std::move(fields), features);
        if (progress)
            progress({stage, std::min(total, begin + step), total});
    }

    FeatureSet all;
    for (Feature f : kAllFeatures)
        all.insert(f);
    catalog.setAvailableFeatures(all);
    catalog.setSynthetic(true);
    const std::string seed = std::to_string(params.seed);
    catalog.setLabel("Demo catalog (synthetic, " + text::withThousands((long long)total) + " tracks, seed " +
                     seed + ")");
    LoadReport report;
    report.rowsRead = report.rowsMerged = report.rowsKept = total;
    report.notes.push_back("synthetic demo catalog generated with seed " + seed);
    catalog.setReport(std::move(report));
    return catalog;
}

} // namespace gdbm::data
