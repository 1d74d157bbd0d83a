#include "data/DemoGenres.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_set>

namespace gdbm::data::demo {
namespace {

using Words = std::vector<std::string_view>;

struct FamilySpec
{
    std::string_view name;
    double share;
    std::array<double, 8> eras;
    SoundProfile sound;
    NameStyle names;
    Words heads;  // real genre names, most common first
    Words bases;  // combined with the styles (and the first with the places) into niche genres
    Words styles; // "post-" joins without a space
};

const Words kPlaces = {"uk",        "australian",    "canadian", "german",    "swedish",  "french",
                       "italian",   "dutch",         "irish",    "scottish",  "nz",       "danish",
                       "norwegian", "belgian",       "spanish",  "brazilian", "japanese", "finnish",
                       "polish",    "south african", "new york", "texas",     "chicago",  "london",
                       "welsh",     "icelandic",     "korean"};

// clang-format off
const std::vector<FamilySpec>& familySpecs()
{
    static const std::vector<FamilySpec> specs = {
        {"pop", 0.19, {0.6, 0.9, 0.8, 1.0, 1.0, 1.1, 1.2, 1.2},
         {.danceability = 0.64, .energy = 0.68, .acousticLogit = -1.2, .valence = 0.55, .durationSec = 215,
          .instrumentalArtists = 0.005, .live = 0.04, .explicitRate = 0.15, .majorMode = 0.62, .tripleMeter = 0.03,
          .collaboration = 0.14},
         NameStyle::Mixed,
         {"pop", "dance pop", "post-teen pop", "uk pop", "australian pop", "art pop", "electropop", "europop",
          "bubblegum pop", "new wave pop", "viral pop", "talent show", "boy band", "girl group", "canadian pop",
          "sunshine pop", "neo mellow", "synthpop", "brill building pop", "metropopolis", "shimmer pop",
          "scandipop", "classic uk pop"},
         {"pop", "synthpop", "teen pop"},
         {"dance", "dream", "chamber", "baroque", "power", "modern", "bedroom", "hyper", "alt", "k-", "j-",
          "c-", "swedish electro", "acoustic", "latin", "christian"}},
        {"rock", 0.14, {0.5, 1.3, 1.6, 1.4, 1.0, 0.8, 0.6, 0.5},
         {.danceability = 0.52, .energy = 0.74, .speechiness = 0.04, .acousticLogit = -1.0, .valence = 0.58,
          .tempo = 126, .tempoSpread = 28, .durationSec = 245, .instrumentalArtists = 0.02, .live = 0.12,
          .explicitRate = 0.04, .majorMode = 0.7, .tripleMeter = 0.04, .collaboration = 0.04},
         NameStyle::Mixed,
         {"rock", "album rock", "classic rock", "soft rock", "mellow gold", "hard rock", "modern rock",
          "yacht rock", "permanent wave", "pop rock", "folk rock", "australian rock", "heartland rock",
          "glam rock", "new wave", "psychedelic rock", "art rock", "classic garage rock", "merseybeat",
          "beatlesque", "rock-and-roll", "rockabilly", "roots rock", "southern rock", "blues rock",
          "post-grunge", "alternative rock", "dance rock", "electronic rock", "australian alternative rock",
          "grunge"},
         {"rock", "garage rock", "psych", "surf rock"},
         {"modern", "progressive", "experimental", "instrumental", "christian", "acid", "space", "stoner",
          "noise", "math", "post-", "neo-", "proto-", "symphonic", "comedy"}},
        {"hip hop", 0.115, {0.0, 0.0, 0.02, 0.3, 0.9, 1.3, 1.6, 1.7},
         {.danceability = 0.74, .energy = 0.66, .speechiness = 0.19, .speechSpread = 0.5, .acousticLogit = -1.3,
          .valence = 0.52, .tempo = 112, .tempoSpread = 28, .durationSec = 225, .instrumentalArtists = 0.003,
          .live = 0.04, .explicitRate = 0.65, .majorMode = 0.5, .tripleMeter = 0.02, .collaboration = 0.3},
         NameStyle::Rap,
         {"hip hop", "rap", "pop rap", "trap", "southern hip hop", "gangster rap", "atl hip hop",
          "dirty south rap", "east coast hip hop", "west coast rap", "melodic rap", "conscious hip hop",
          "old school hip hop", "golden age hip hop", "hip pop", "uk hip hop", "australian hip hop",
          "chicago rap", "canadian hip hop", "emo rap", "drill", "grime", "trap queen", "escape room",
          "underground hip hop", "queens hip hop", "miami hip hop", "detroit hip hop", "crunk"},
         {"hip hop", "rap", "trap", "drill"},
         {"alternative", "conscious", "experimental", "dark", "abstract", "cloud", "jazz", "christian",
          "comedy", "deep", "hardcore", "instrumental", "memphis", "houston", "philly", "bronx", "oakland"}},
        {"r&b", 0.09, {0.5, 1.4, 1.2, 1.0, 1.2, 1.1, 0.9, 0.9},
         {.danceability = 0.66, .energy = 0.58, .speechiness = 0.07, .acousticLogit = -0.6, .valence = 0.6,
          .tempo = 108, .durationSec = 235, .instrumentalArtists = 0.01, .live = 0.06, .explicitRate = 0.18,
          .majorMode = 0.55, .tripleMeter = 0.06, .collaboration = 0.15},
         NameStyle::Mixed,
         {"r&b", "urban contemporary", "contemporary r&b", "neo soul", "soul", "motown", "classic soul",
          "quiet storm", "new jack swing", "northern soul", "british soul", "southern soul", "indie r&b",
          "alternative r&b", "canadian contemporary r&b", "trap soul", "memphis soul", "philly soul",
          "chicago soul", "soul blues", "deep soul", "gospel"},
         {"r&b", "soul", "gospel"},
         {"indie", "classic", "modern", "retro", "smooth", "psychedelic", "instrumental", "urban", "pop",
          "dark", "traditional", "contemporary", "experimental"}},
        {"electronic", 0.085, {0.0, 0.0, 0.1, 0.4, 0.9, 1.2, 1.5, 1.4},
         {.danceability = 0.66, .energy = 0.8, .speechiness = 0.06, .acousticLogit = -2.6, .valence = 0.48,
          .tempo = 126, .tempoSpread = 14, .durationSec = 215, .loudnessShift = 0.5, .instrumentalArtists = 0.12,
          .explicitRate = 0.08, .majorMode = 0.5, .tripleMeter = 0.02, .collaboration = 0.3},
         NameStyle::Mixed,
         {"edm", "electro house", "house", "pop dance", "big room", "progressive house", "tropical house",
          "uk dance", "eurodance", "deep house", "electro", "filter house", "brostep", "dubstep",
          "drum and bass", "trance", "slap house", "hip house", "diva house", "big beat", "electronica",
          "nu skool breaks", "trip hop", "indietronica", "australian dance", "progressive electro house",
          "techno", "uk garage", "future bass", "melbourne bounce"},
         {"house", "techno", "trance", "electro", "bass"},
         {"tech", "future", "minimal", "acid", "vocal", "melodic", "hard", "nu", "dark", "chill", "funky",
          "jackin", "afro", "organic", "uplifting", "detroit"}},
        {"country", 0.06, {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
         {.danceability = 0.58, .energy = 0.66, .speechiness = 0.035, .speechSpread = 0.3, .acousticLogit = -0.4,
          .valence = 0.6, .tempo = 122, .durationSec = 205, .instrumentalArtists = 0.005, .live = 0.08,
          .explicitRate = 0.03, .majorMode = 0.85, .tripleMeter = 0.1, .collaboration = 0.08},
         NameStyle::Mixed,
         {"country", "contemporary country", "country road", "modern country rock", "country dawn",
          "classic country pop", "outlaw country", "nashville sound", "country rock", "arkansas country",
          "australian country", "bluegrass", "country pop", "texas country", "red dirt", "honky tonk",
          "classic australian country", "cowboy western", "alt-country", "country rap"},
         {"country", "bluegrass"},
         {"classic", "modern", "progressive", "traditional", "neo-", "gospel", "instrumental", "canadian",
          "georgia", "oklahoma", "kentucky", "tennessee"}},
        {"folk", 0.05, {0.8, 1.4, 1.3, 0.7, 0.8, 1.0, 1.2, 1.0},
         {.danceability = 0.52, .energy = 0.4, .speechiness = 0.035, .speechSpread = 0.3, .acousticLogit = 1.3,
          .valence = 0.42, .tempo = 115, .durationSec = 225, .loudnessShift = -1.0, .instrumentalArtists = 0.06,
          .live = 0.1, .explicitRate = 0.02, .majorMode = 0.75, .tripleMeter = 0.12, .collaboration = 0.06},
         NameStyle::Mixed,
         {"folk", "folk-pop", "singer-songwriter", "indie folk", "acoustic pop", "stomp and holler",
          "americana", "british folk", "chamber folk", "new americana", "neo-singer-songwriter",
          "traditional folk", "celtic", "irish folk", "anti-folk", "freak folk"},
         {"folk", "singer-songwriter"},
         {"indie", "contemporary", "psychedelic", "modern", "acoustic", "dark", "pagan", "progressive",
          "experimental", "gothic", "medieval"}},
        {"metal", 0.04, {0.0, 0.1, 0.8, 1.5, 1.3, 1.0, 0.6, 0.5},
         {.danceability = 0.44, .energy = 0.9, .speechiness = 0.06, .acousticLogit = -3.2, .valence = 0.38,
          .tempo = 128, .tempoSpread = 30, .durationSec = 260, .loudnessShift = 0.8, .instrumentalArtists = 0.04,
          .live = 0.12, .explicitRate = 0.2, .majorMode = 0.45, .tripleMeter = 0.04, .collaboration = 0.05},
         NameStyle::Mixed,
         {"alternative metal", "nu metal", "glam metal", "metal", "heavy metal", "thrash metal", "rap metal",
          "funk metal", "metalcore", "power metal", "progressive metal", "speed metal", "symphonic metal",
          "groove metal", "rap rock"},
         {"metal", "metalcore"},
         {"death", "black", "doom", "sludge", "melodic", "industrial", "gothic", "post-", "folk", "viking",
          "technical", "christian", "old school"}},
        {"indie", 0.055, {0.0, 0.2, 0.8, 1.2, 1.4, 1.4, 1.1, 1.0},
         {.danceability = 0.52, .energy = 0.76, .acousticLogit = -1.6, .valence = 0.48, .tempo = 130,
          .durationSec = 215, .instrumentalArtists = 0.05, .live = 0.08, .explicitRate = 0.1, .majorMode = 0.65,
          .tripleMeter = 0.04, .collaboration = 0.05},
         NameStyle::Mixed,
         {"indie rock", "modern alternative rock", "punk", "pop punk", "emo", "garage rock revival", "indie pop",
          "britpop", "madchester", "shoegaze", "post-punk", "skate punk", "ska punk", "australian indie",
          "perth indie", "new rave", "dance-punk", "indie garage rock", "la indie", "brooklyn indie",
          "neo-psychedelic", "dream pop", "noise pop", "lo-fi"},
         {"indie", "punk", "emo"},
         {"art", "post-", "hardcore", "midwest", "folk", "anarcho-", "street", "surf", "twee", "slacker",
          "math", "jangle"}},
        {"standards", 0.045, {4.0, 2.2, 0.6, 0.3, 0.2, 0.2, 0.2, 0.2},
         {.danceability = 0.55, .energy = 0.42, .speechiness = 0.04, .speechSpread = 0.35, .acousticLogit = 0.9,
          .valence = 0.66, .tempo = 114, .tempoSpread = 30, .durationSec = 170, .loudnessShift = -1.0,
          .instrumentalArtists = 0.03, .live = 0.08, .explicitRate = 0.0, .majorMode = 0.78, .tripleMeter = 0.1,
          .collaboration = 0.05},
         NameStyle::Mixed,
         {"adult standards", "easy listening", "lounge", "doo-wop", "deep adult standards", "vocal harmony group",
          "british invasion", "exotica", "traditional pop", "torch song", "space age pop", "hollywood",
          "classic nz pop", "classic australian pop", "rhythm and blues", "novelty"},
         {"adult standards", "easy listening", "lounge"},
         {"deep", "vintage", "classic", "german", "italian", "french", "mexican", "cocktail"}},
        {"jazz", 0.04, {3.0, 1.8, 0.8, 0.5, 0.5, 0.6, 0.6, 0.6},
         {.danceability = 0.55, .energy = 0.4, .speechiness = 0.05, .acousticLogit = 1.2, .valence = 0.54,
          .tempo = 114, .tempoSpread = 32, .durationSec = 260, .loudnessShift = -1.0, .instrumentalArtists = 0.3,
          .live = 0.16, .explicitRate = 0.0, .majorMode = 0.6, .tripleMeter = 0.08, .collaboration = 0.12},
         NameStyle::Mixed,
         {"jazz", "vocal jazz", "cool jazz", "bebop", "smooth jazz", "jazz funk", "soul jazz", "blues", "swing",
          "big band", "electric blues", "chicago blues", "jazz blues", "contemporary jazz", "hard bop",
          "jazz piano", "jazz saxophone", "jazz trumpet", "latin jazz", "jazz fusion", "delta blues"},
         {"jazz", "blues"},
         {"free", "modal", "spiritual", "dark", "nu", "acid", "gypsy", "avant-garde", "straight-ahead",
          "harlem", "new orleans", "texas", "piano", "memphis"}},
        {"funk", 0.03, {0.2, 0.8, 2.5, 1.2, 0.5, 0.4, 0.4, 0.4},
         {.danceability = 0.74, .energy = 0.72, .speechiness = 0.06, .acousticLogit = -1.0, .valence = 0.78,
          .tempo = 118, .tempoSpread = 12, .durationSec = 255, .instrumentalArtists = 0.05, .live = 0.06,
          .explicitRate = 0.02, .majorMode = 0.6, .tripleMeter = 0.02, .collaboration = 0.08},
         NameStyle::Mixed,
         {"disco", "funk", "post-disco", "p funk", "boogie", "hi-nrg", "italo disco", "electro funk",
          "minneapolis sound", "nu disco", "disco house", "funk rock", "go-go", "brass band"},
         {"disco", "funk"},
         {"space", "deep", "g", "euro", "cosmic", "jazz", "psychedelic", "afro", "latin", "classic"}},
        {"latin", 0.03, {0.6, 0.5, 0.5, 0.5, 0.8, 1.0, 1.5, 2.0},
         {.danceability = 0.72, .energy = 0.72, .speechiness = 0.08, .acousticLogit = -0.8, .valence = 0.66,
          .tempo = 112, .durationSec = 215, .instrumentalArtists = 0.01, .live = 0.06, .explicitRate = 0.3,
          .majorMode = 0.55, .tripleMeter = 0.03, .collaboration = 0.35},
         NameStyle::Mixed,
         {"latin pop", "reggaeton", "urbano latino", "trap latino", "latin", "salsa", "bachata", "tropical",
          "latin hip hop", "mexican pop", "cumbia", "flamenco", "bossa nova", "mpb", "samba", "latin rock",
          "reggaeton flow", "spanish pop"},
         {"pop", "cumbia", "salsa", "reggaeton"},
         {"colombian", "puerto rican", "argentine", "chilean", "peruvian", "cuban", "dominican", "venezuelan",
          "tropical", "romantic"}},
        {"reggae", 0.02, {0.2, 1.0, 1.5, 1.2, 1.0, 0.8, 0.8, 0.9},
         {.danceability = 0.72, .energy = 0.6, .speechiness = 0.09, .acousticLogit = -0.5, .valence = 0.72,
          .tempo = 104, .durationSec = 225, .instrumentalArtists = 0.05, .live = 0.1, .explicitRate = 0.08,
          .majorMode = 0.6, .tripleMeter = 0.03, .collaboration = 0.2},
         NameStyle::Mixed,
         {"reggae", "roots reggae", "dancehall", "ska", "lovers rock", "reggae fusion", "afrobeats", "afropop",
          "world", "calypso", "soca", "rocksteady", "dub", "australian reggae fusion", "nigerian pop", "highlife"},
         {"reggae", "dancehall", "afrobeats"},
         {"modern", "roots", "conscious", "ghanaian", "jamaican", "hawaiian", "polynesian"}},
        {"classical", 0.025, {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
         {.danceability = 0.26, .energy = 0.18, .speechiness = 0.039, .speechSpread = 0.25, .acousticLogit = 3.0,
          .valence = 0.22, .tempo = 105, .tempoSpread = 30, .durationSec = 320, .loudnessShift = -4.0,
          .instrumentalArtists = 0.88, .live = 0.08, .explicitRate = 0.0, .majorMode = 0.6, .tripleMeter = 0.2,
          .collaboration = 0.1},
         NameStyle::Classical,
         {"classical", "opera", "classical tenor", "orchestral", "classical performance", "early romantic era",
          "baroque", "classical piano", "late romantic era", "classical soprano", "choral", "string quartet",
          "post-romantic era", "impressionism", "operatic pop", "classical era", "early music",
          "german romanticism", "italian romanticism", "russian romanticism", "minimalism",
          "contemporary classical", "classical baritone"},
         {"orchestra", "choir", "classical"},
         {"czech", "russian", "austrian", "british", "nordic", "hungarian", "polish", "vienna", "baroque"}},
        {"ambient", 0.02, {0.2, 0.3, 0.6, 0.9, 1.0, 1.0, 1.3, 1.4},
         {.danceability = 0.36, .energy = 0.28, .speechiness = 0.04, .speechSpread = 0.3, .acousticLogit = 1.8,
          .valence = 0.2, .tempo = 104, .tempoSpread = 28, .durationSec = 250, .loudnessShift = -3.0,
          .instrumentalArtists = 0.75, .live = 0.02, .explicitRate = 0.0, .majorMode = 0.55, .tripleMeter = 0.08,
          .collaboration = 0.05},
         NameStyle::Mixed,
         {"ambient", "new age", "soundtrack", "compositional ambient", "lo-fi beats", "chillhop", "downtempo",
          "meditation", "neo-classical", "video game music", "epicore", "sleep", "focus", "drone", "scorecore"},
         {"ambient", "downtempo", "soundtrack"},
         {"dark", "space", "drone", "cinematic", "piano", "ethereal", "isolationist", "tribal", "japanese"}},
    };
    return specs;
}
// clang-format on

std::string combine(std::string_view style, std::string_view base)
{
    std::string out(style);
    if (!style.ends_with('-'))
        out += ' ';
    return out.append(base);
}

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

double logit(double p)
{
    return std::log(p / (1.0 - p));
}

double round3(double x)
{
    return std::round(x * 1000.0) / 1000.0;
}

double significant3(double x)
{
    if (x <= 0.0)
        return 0.0;
    const double scale = std::pow(10.0, 2.0 - std::floor(std::log10(x)));
    return std::round(x * scale) / scale;
}

// Spotify's key distribution, C .. B.
constexpr std::array<double, 12> kKeyShare = {0.12, 0.1,  0.11, 0.03, 0.08, 0.085,
                                              0.07, 0.11, 0.07, 0.1,  0.07, 0.075};
// Track length by decade, 1950s .. 2020s, relative to the family's.
constexpr std::array<double, 8> kLengthByDecade = {0.7, 0.72, 0.95, 1.05, 1.08, 1.02, 0.96, 0.85};
constexpr double kZeroPopularity = 0.17; // the real file's many zeros (delisted duplicates)

} // namespace

const std::vector<GenreFamily>& genreFamilies()
{
    static const std::vector<GenreFamily> families = [] {
        std::vector<GenreFamily> out;
        std::unordered_set<std::string> seen;
        for (const FamilySpec& spec : familySpecs()) {
            GenreFamily family{std::string(spec.name), spec.share, spec.eras, spec.sound, spec.names, {}, 0};
            for (std::string_view head : spec.heads) {
                if (seen.insert(std::string(head)).second)
                    family.genres.emplace_back(head);
            }
            family.headCount = family.genres.size();
            const auto add = [&](std::string_view style, std::string_view base) {
                std::string name = combine(style, base);
                if (base.find(style) == std::string_view::npos && seen.insert(name).second)
                    family.genres.push_back(std::move(name));
            };
            for (std::string_view base : spec.bases) {
                for (std::string_view style : spec.styles)
                    add(style, base);
            }
            for (std::string_view place : kPlaces)
                add(place, spec.bases.front());
            out.push_back(std::move(family));
        }
        return out;
    }();
    return families;
}

ArtistStyle drawArtistStyle(CounterRng& rng, const SoundProfile& sound)
{
    ArtistStyle a;
    a.energy = 0.35 * rng.normal();
    a.dance = 0.06 * rng.normal();
    a.acoustic = 0.6 * rng.normal();
    a.valence = 0.06 * rng.normal();
    a.speech = 0.25 * rng.normal();
    a.tempo = 6.0 * rng.normal();
    a.length = 0.08 * rng.normal();
    a.explicitRate = std::min(0.95, sound.explicitRate * std::exp(0.6 * rng.normal()));
    a.live = std::min(0.6, sound.live * std::exp(0.6 * rng.normal()));
    a.instrumental = rng.bernoulli(sound.instrumentalArtists);
    return a;
}

FeatureRow drawTrackFeatures(CounterRng& rng, const SoundProfile& p, const ArtistStyle& a, int year,
                             bool live)
{
    const double era = (year - 1990) / 10.0;
    const double e = sigmoid(logit(p.energy) + a.energy + 0.55 * rng.normal() + 0.06 * era);
    const double d =
        std::clamp(p.danceability + a.dance + 0.1 * rng.normal() + 0.08 * (e - p.energy), 0.06, 0.98);
    const double v = std::clamp(p.valence + a.valence + 0.6 * (d - p.danceability) + 0.7 * (e - p.energy) +
                                    0.04 - 0.03 * era + 0.16 * rng.normal(),
                                0.03, 0.985);
    const double s =
        std::clamp(std::exp(std::log(p.speechiness) + a.speech + p.speechSpread * rng.normal()), 0.022, 0.95);
    const double ac = std::clamp(
        sigmoid(p.acousticLogit - 0.3 + a.acoustic - 5.0 * (e - 0.6) + 1.1 * rng.normal()), 1e-6, 0.996);
    double instr = 0.0; // most tracks: 0 or a trace such as 8.42e-06
    if (rng.bernoulli(a.instrumental ? 0.92 : 0.02))
        instr = sigmoid(1.6 + 1.1 * rng.normal());
    else if (rng.bernoulli(0.55))
        instr = std::pow(10.0, rng.uniform(-6.0, -1.4));
    const double liveness = live ? 0.3 + 0.68 * std::pow(rng.uniform(), 1.3)
                                 : std::clamp(std::exp(std::log(0.12) + 0.55 * rng.normal()), 0.015, 0.99);
    const double loudness = std::clamp(-16.9 + 13.0 * e + std::clamp(0.1 * (year - 1990), -2.5, 2.5) +
                                           p.loudnessShift + 1.4 * rng.normal(),
                                       -35.0, -0.3);
    double tempo = p.tempo + a.tempo + p.tempoSpread * rng.normal();
    tempo = std::clamp(tempo < 62.0 ? 2.0 * tempo : tempo > 208.0 ? tempo / 2.0 : tempo, 60.0, 210.0);
    const double meter = rng.uniform();
    const double timeSignature = meter < p.tripleMeter           ? 3.0
                                 : meter < p.tripleMeter + 0.012 ? 5.0
                                 : meter < p.tripleMeter + 0.02  ? 1.0
                                                                 : 4.0;
    const double seconds = std::clamp(1.03 * p.durationSec * kLengthByDecade[std::size_t(year - 1950) / 10] *
                                          std::exp(a.length + 0.2 * rng.normal()),
                                      60.0, 900.0);
    const double recent = year >= 2018 ? 6.0 : 0.0;
    double popularity = 0.0;
    if (rng.bernoulli(kZeroPopularity))
        popularity = 0.0;
    else if (a.obscure)
        popularity = std::round(30.0 * std::pow(rng.uniform(), 1.6));
    else
        popularity = std::clamp(std::round(a.popularity + 13.0 * rng.normal() + recent), 0.0, 100.0);
    double key = rng.uniform() * std::accumulate(kKeyShare.begin(), kKeyShare.end(), 0.0);
    std::size_t k = 0;
    while (k + 1 < kKeyShare.size() && (key -= kKeyShare[k]) >= 0.0)
        ++k;

    FeatureRow row{};
    row[index(Feature::Danceability)] = round3(d);
    row[index(Feature::Energy)] = round3(e);
    row[index(Feature::Key)] = double(k);
    row[index(Feature::Loudness)] = round3(loudness);
    row[index(Feature::Mode)] = rng.bernoulli(p.majorMode + (year < 1980 ? 0.08 : 0.0)) ? 1.0 : 0.0;
    row[index(Feature::Speechiness)] = significant3(s);
    row[index(Feature::Acousticness)] = significant3(ac);
    row[index(Feature::Instrumentalness)] = significant3(instr);
    row[index(Feature::Liveness)] = significant3(liveness);
    row[index(Feature::Valence)] = round3(v);
    row[index(Feature::Tempo)] = round3(tempo);
    row[index(Feature::TimeSignature)] = timeSignature;
    row[index(Feature::Popularity)] = popularity;
    row[index(Feature::DurationMs)] = std::round(seconds * 1000.0);
    return row;
}

} // namespace gdbm::data::demo
