#include "data/DemoVocabulary.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace gdbm::data::demo {
namespace {

using Words = std::vector<std::string_view>;

// clang-format off
const Words kFirstNames = {
    "James", "Mary", "John", "Linda", "Robert", "Susan", "Michael", "Karen", "David", "Lisa", "Chris", "Nancy",
    "Daniel", "Betty", "Paul", "Sandra", "Mark", "Ashley", "Steven", "Kimberly", "Kevin", "Emily", "Brian",
    "Donna", "George", "Michelle", "Ryan", "Carol", "Jacob", "Amanda", "Gary", "Melissa", "Eric", "Deborah",
    "Jonathan", "Stephanie", "Larry", "Rebecca", "Justin", "Laura", "Scott", "Sharon", "Frank", "Cynthia",
    "Gregory", "Kathleen", "Samuel", "Amy", "Patrick", "Angela", "Jack", "Shirley", "Dennis", "Anna", "Jerry",
    "Ruth", "Tyler", "Brenda", "Aaron", "Pamela", "Henry", "Nicole", "Douglas", "Katherine", "Peter",
    "Samantha", "Adam", "Christine", "Nathan", "Emma", "Zachary", "Catherine", "Kyle", "Debra", "Noah",
    "Rachel", "Carl", "Carolyn", "Keith", "Janet", "Roger", "Maria", "Terry", "Olivia", "Sean", "Heather",
    "Austin", "Helen", "Arthur", "Diane", "Lawrence", "Julie", "Jesse", "Joyce", "Dylan", "Victoria", "Bryan",
    "Kelly", "Jordan", "Christina", "Billy", "Lauren", "Bruce", "Joan", "Ralph", "Evelyn", "Roy", "Judith",
    "Eugene", "Megan", "Louis", "Andrea", "Wayne", "Cheryl", "Alan", "Hannah", "Juan", "Jacqueline", "Gabriel",
    "Martha", "Bobby", "Gloria", "Johnny", "Teresa", "Lucas", "Sara", "Mateo", "Sofia", "Luis", "Camila",
    "Andre", "Chloe", "Marcus", "Zoe", "Felix", "Ines", "Jonas", "Freya", "Tariq", "Amara", "Kenji", "Yuna",
    "Dmitri", "Elena", "Rafael", "Lucia", "Theo", "Isla", "Otis", "Mabel", "Ziggy", "Delilah", "Rocco", "Stella"};
const Words kLastNames = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia", "Rodriguez", "Wilson",
    "Martinez", "Anderson", "Taylor", "Thomas", "Hernandez", "Moore", "Martin", "Jackson", "Thompson", "White",
    "Lopez", "Lee", "Gonzalez", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Perez", "Hall", "Young",
    "Allen", "Sanchez", "Wright", "King", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Ramirez",
    "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins",
    "Edwards", "Stewart", "Flores", "Morris", "Nguyen", "Murphy", "Rivera", "Cook", "Rogers", "Morgan",
    "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Gomez", "Kelly", "Howard", "Ward", "Cox", "Diaz",
    "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Reyes", "Cruz", "Hughes", "Price",
    "Myers", "Long", "Foster", "Sanders", "Ross", "Morales", "Powell", "Sullivan", "Russell", "Ortiz", "Jenkins",
    "Gutierrez", "Perry", "Butler", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson",
    "Jordan", "Reynolds", "Hamilton", "Graham", "Kim", "Wallace", "Woods", "Cole", "West", "Owens", "Marshall",
    "Harrison", "Gibson", "Ellis", "Stone", "Hayes", "Fox", "Rose", "Black", "Knight", "Lane", "Nash", "Vance",
    "Moreau", "Fischer", "Lindqvist", "Kowalski", "Rossi", "Novak", "Silva", "Tanaka", "Okafor", "O'Brien",
    "McKenzie", "Delacroix", "Sørensen", "Müller", "Beaumont", "Valentine", "Holloway", "Winter", "Frost"};
const Words kAdjectives = {
    "Blue", "Wild", "Sweet", "Lonely", "Golden", "Crazy", "Broken", "Little", "Electric", "Young", "Dark",
    "Bright", "Endless", "Beautiful", "Silent", "Perfect", "Lost", "Burning", "Cold", "Hot", "Heavy", "Easy",
    "Strange", "Sad", "Happy", "Last", "First", "Secret", "Hollow", "Velvet", "Neon", "Crystal", "Purple",
    "Red", "Silver", "Wicked", "Tender", "Restless", "Fading", "Hidden", "Brave", "Naked", "Holy", "Painted",
    "Midnight", "Summer", "Magic", "Fast", "Slow", "Lucky", "Dirty", "Pretty", "Rebel", "Paper", "Stone",
    "Black", "White", "Green", "Northern", "Southern", "Distant", "Gentle", "Honest", "Savage", "Sugar"};
const Words kNouns = {
    "Heart", "Night", "Love", "Fire", "Rain", "Dream", "Summer", "Road", "River", "Light", "Sky", "Girl",
    "Boy", "Time", "World", "City", "Star", "Moon", "Sun", "Song", "Dance", "Angel", "Paradise", "Thunder",
    "Ocean", "Money", "Party", "Diamond", "Shadow", "Secret", "Home", "Baby", "Kiss", "Tears", "Morning",
    "Highway", "Radio", "Freedom", "Memory", "Echo", "Gold", "Wave", "Storm", "Garden", "Window", "Letter",
    "Mountain", "Island", "Midnight", "Heaven", "Lover", "Mirror", "Fever", "Honey", "Desire", "Weekend",
    "Train", "Wind", "Sunrise", "Sunset", "Flame", "Ghost", "Crown", "Promise", "Rose", "Whiskey", "Stranger",
    "Satellite", "Horizon", "Velocity", "Carousel", "Hurricane", "Lullaby", "Daydream", "Goodbye", "Feeling"};
const Words kPluralNouns = {
    "Wolves", "Kings", "Angels", "Riders", "Seekers", "Shadows", "Sparks", "Horses", "Lions", "Foxes",
    "Drifters", "Stones", "Tigers", "Ravens", "Pilots", "Saints", "Strangers", "Dreamers", "Ghosts", "Rivers",
    "Echoes", "Giants", "Sirens", "Knights", "Monks", "Hounds", "Cowboys", "Rockets", "Comets", "Vandals",
    "Brothers", "Sisters", "Pirates", "Poets", "Outlaws", "Hearts", "Bandits", "Heroes", "Doves", "Crows",
    "Owls", "Jets", "Kids", "Lovers", "Travellers", "Wanderers", "Magpies", "Mariners", "Satellites",
    "Diamonds", "Mirrors", "Bees", "Skylarks", "Raiders", "Cherries", "Planets", "Machines", "Flames"};
const Words kVerbs = {
    "Hold", "Take", "Love", "Call", "Save", "Kiss", "Tell", "Leave", "Need", "Want", "Feel", "Touch", "Break",
    "Shake", "Follow", "Chase", "Find", "Lose", "Bring", "Show", "Forget", "Remember", "Free", "Trust",
    "Catch", "Carry", "Hurt", "Meet", "Miss", "Keep"};
const Words kGerunds = {
    "Dancing", "Running", "Falling", "Dreaming", "Waiting", "Walking", "Flying", "Burning", "Crying",
    "Chasing", "Riding", "Shining", "Fading", "Breaking", "Living", "Singing", "Driving", "Losing", "Holding",
    "Talking", "Dying", "Waking", "Drowning", "Sleeping"};
const Words kPrepositions = {"in the", "in the", "Through the", "Under the", "Into the"};
const Words kPronouns = {"Me", "You", "It", "Us", "Her", "Him"};
const Words kObjects = {"Me", "You", "It", "Us", "Her", "Him", "Me Down", "Me Up", "It Off", "Your Heart"};
const Words kSettings = {"Rain", "Dark", "Night", "Moonlight", "City", "Sun", "Wind", "Street", "Fire", "Storm",
                         "Stars", "Water", "Snow", "Dust", "Shadows", "Sky", "Summer", "Neon Lights"};
const Words kAdverbs = {"Tonight", "Forever", "Again", "Now", "Away", "Tomorrow", "Today", "Home",
                        "Together", "Alone", "Right Now", "All Night"};
const Words kRapPrefixes = {"Lil", "Young", "MC", "DJ", "Big", "Kid", "Yung", "Lil'", "King", "Baby"};
const Words kComposers = {"Bach", "Mozart", "Beethoven", "Chopin", "Vivaldi", "Handel", "Schubert", "Brahms",
                          "Tchaikovsky", "Debussy", "Verdi", "Puccini", "Haydn", "Liszt", "Dvořák", "Satie",
                          "Mahler", "Rachmaninoff", "Grieg", "Ravel", "Elgar", "Schumann", "Mendelssohn"};
const Words kForms = {"Symphony", "Sonata", "Nocturne", "Prelude", "Concerto", "Etude", "Serenade", "Fugue",
                      "Partita", "Suite", "Impromptu", "Ballade", "Waltz", "String Quartet", "Mazurka"};
const Words kMovements = {"I. Allegro", "II. Andante", "II. Adagio", "III. Menuetto", "I. Allegro con brio",
                          "IV. Presto", "III. Scherzo", "II. Largo", "I. Moderato", "IV. Finale"};
const Words kCollections = {"Symphonies", "Piano Sonatas", "Nocturnes", "Complete Concertos", "Arias",
                            "Preludes & Fugues", "Chamber Works", "Orchestral Works", "Piano Works"};
const Words kOrchestraPlaces = {"Berlin", "Vienna", "London", "Prague", "Boston", "Leipzig", "Budapest",
                                "Amsterdam", "St. Petersburg", "Chicago", "Sydney", "Oslo"};
const Words kEditions = {" (Deluxe Edition)", " (Remastered)", " (Expanded Edition)", " (Deluxe)",
                         " (Special Edition)", " (Bonus Track Version)", " (Anniversary Edition)"};
const Words kCompilations = {"Greatest Hits", "The Very Best Of", "Gold", "Anthology", "The Hits",
                             "Number Ones", "The Singles", "Hits Collection", "The Collection", "Essentials"};
const Words kKeyNames = {"C", "C-Sharp", "D", "E-Flat", "E", "F", "F-Sharp", "G", "A-Flat", "A", "B-Flat", "B"};
// clang-format on

std::string_view pick(CounterRng& rng, const Words& words)
{
    return words[rng.below(words.size())];
}

std::string str(std::initializer_list<std::string_view> parts)
{
    std::string out;
    for (std::string_view p : parts) {
        if (!out.empty() && !p.empty() && p.front() != ' ' && p.front() != ':')
            out += ' ';
        out += p;
    }
    return out;
}

} // namespace

std::string artistName(CounterRng& rng, NameStyle style)
{
    const double u = rng.uniform();
    if (style == NameStyle::Classical) {
        if (u < 0.7)
            return str({pick(rng, kFirstNames), pick(rng, kLastNames)});
        if (u < 0.85)
            return str(
                {pick(rng, kOrchestraPlaces), rng.bernoulli(0.5) ? "Philharmonic" : "Symphony Orchestra"});
        return str({pick(rng, kLastNames), rng.bernoulli(0.5) ? "String Quartet" : "Ensemble"});
    }
    if (style == NameStyle::Rap && u < 0.55) {
        if (u < 0.3)
            return str(
                {pick(rng, kRapPrefixes), rng.bernoulli(0.5) ? pick(rng, kFirstNames) : pick(rng, kNouns)});
        std::string mononym(pick(rng, rng.bernoulli(0.5) ? kFirstNames : kNouns));
        if (rng.bernoulli(0.4))
            std::transform(mononym.begin(), mononym.end(), mononym.begin(),
                           [](unsigned char c) { return char(std::toupper(c)); });
        return mononym;
    }
    if (u < 0.45)
        return str({pick(rng, kFirstNames), pick(rng, kLastNames)});
    if (u < 0.65)
        return str({"The", pick(rng, kAdjectives), pick(rng, kPluralNouns)});
    if (u < 0.75)
        return str({"The", pick(rng, kPluralNouns)});
    if (u < 0.83)
        return str({pick(rng, kAdjectives), pick(rng, kPluralNouns)});
    if (u < 0.9)
        return str({pick(rng, kFirstNames), pick(rng, kLastNames), "& The", pick(rng, kPluralNouns)});
    if (u < 0.95)
        return str({pick(rng, kFirstNames), "&", pick(rng, kFirstNames)});
    return str({pick(rng, kFirstNames)});
}

std::string longArtistName(CounterRng& rng)
{
    if (rng.bernoulli(0.5)) {
        const char initial[] = {char('A' + rng.below(26)), '.', '\0'};
        return str({pick(rng, kFirstNames), initial, pick(rng, kLastNames)});
    }
    return str({pick(rng, kFirstNames), pick(rng, kLastNames), "& The", pick(rng, kAdjectives),
                pick(rng, kPluralNouns)});
}

std::string trackTitle(CounterRng& rng, NameStyle style, int key, bool major)
{
    if (style == NameStyle::Classical) {
        std::string title = str({pick(rng, kForms), "No.", std::to_string(1 + rng.below(12)), "in",
                                 kKeyNames[std::size_t(key) % 12], major ? "Major" : "Minor"});
        return rng.bernoulli(0.5) ? title + ": " + std::string(pick(rng, kMovements)) : title;
    }
    const double u = rng.uniform();
    if (u < 0.14)
        return std::string(pick(rng, kNouns));
    if (u < 0.32)
        return str({pick(rng, kAdjectives), pick(rng, kNouns)});
    if (u < 0.44)
        return str({pick(rng, kVerbs), pick(rng, kObjects)});
    if (u < 0.54)
        return str({pick(rng, kVerbs), pick(rng, kPronouns), pick(rng, kAdverbs)});
    if (u < 0.62)
        return str({pick(rng, kGerunds), pick(rng, kPrepositions), pick(rng, kSettings)});
    if (u < 0.72)
        return str({"The", pick(rng, kAdjectives), pick(rng, kNouns)});
    if (u < 0.79)
        return str({pick(rng, kNouns), "of", pick(rng, kNouns)});
    if (u < 0.86)
        return str({pick(rng, kGerunds), pick(rng, kAdverbs)});
    if (u < 0.93)
        return str({rng.bernoulli(0.5) ? "My" : "Your", pick(rng, kAdjectives), pick(rng, kNouns)});
    return str({pick(rng, kNouns), pick(rng, kNouns)});
}

std::string albumTitle(CounterRng& rng, NameStyle style, const std::string& artist, bool compilation)
{
    if (style == NameStyle::Classical)
        return str({std::string(pick(rng, kComposers)) + ":", pick(rng, kCollections)});
    if (compilation) {
        const std::string_view kind = pick(rng, kCompilations);
        return kind == "The Very Best Of" || rng.bernoulli(0.3) ? str({kind, artist}) : std::string(kind);
    }
    const double u = rng.uniform();
    if (u < 0.1)
        return artist;
    if (u < 0.16)
        return str({"Live at the", pick(rng, kNouns)});
    std::string title = trackTitle(rng, style, 0, true);
    return u < 0.35 ? title + std::string(pick(rng, kEditions)) : title;
}

} // namespace gdbm::data::demo