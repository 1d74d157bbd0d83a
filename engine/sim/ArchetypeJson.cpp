#include "sim/ArchetypeJson.h"

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "core/FileChecks.h"
#include "core/JsonError.h"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace gdbm::sim {
namespace {

using nlohmann::json;

constexpr std::string_view kFormatName = "gdbm-archetypes";

json preferenceToJson(const Preference& p)
{
    json out = {{"type", preferenceKindKey(p.kind)}};
    switch (p.kind) {
    case PreferenceKind::Range:
    case PreferenceKind::RangeDrawn:
        out["attribute"] = attributeKey(p.attribute);
        if (std::isfinite(p.min))
            out["min"] = p.min;
        if (std::isfinite(p.max))
            out["max"] = p.max;
        break;
    case PreferenceKind::Genres:
        out["genres"] = p.genres;
        break;
    case PreferenceKind::ArtistDrawn:
        out["among"] = p.among;
        break;
    case PreferenceKind::DecadeDrawn:
        out["from"] = p.firstDecade;
        out["to"] = p.lastDecade;
        break;
    case PreferenceKind::AnyCommonGenre:
    case PreferenceKind::CommonGenreDrawn:
    case PreferenceKind::NicheGenreDrawn:
        break;
    }
    return out;
}

// Reads values out of one JSON object, naming the archetype and field when one is wrong.
class FieldReader
{
public:
    FieldReader(const std::string& fileName, std::string where)
        : m_fileName(fileName), m_where(std::move(where))
    {}

    [[noreturn]] void fail(const std::string& field, const std::string& reason) const
    {
        throw InputError({m_fileName, 0, 0, field}, m_where + ": " + reason);
    }

    const json& require(const json& object, const std::string& key, const std::string& field) const
    {
        if (!object.is_object())
            fail(field, "expected an object");
        const auto it = object.find(key);
        if (it == object.end())
            fail(field + "." + key, "missing");
        return *it;
    }

    double number(const json& value, const std::string& field) const
    {
        if (!value.is_number())
            fail(field, "expected a number, found " + value.dump());
        return value.get<double>();
    }

    int integer(const json& value, const std::string& field) const
    {
        if (!value.is_number_integer())
            fail(field, "expected a whole number, found " + value.dump());
        // get<int>() would wrap 4294967297 to 1: check the range first.
        const auto wide = value.get<long long>();
        if (value.is_number_unsigned() ? value.get<unsigned long long>() > 1000000000ull
                                       : (wide < -1000000000ll || wide > 1000000000ll))
            fail(field, value.dump() + " is out of range");
        return int(wide);
    }

    std::string string(const json& value, const std::string& field) const
    {
        if (!value.is_string())
            fail(field, "expected text, found " + value.dump());
        return value.get<std::string>();
    }

private:
    const std::string& m_fileName;
    std::string m_where;
};

Preference preferenceFromJson(const json& in, const FieldReader& reader, const std::string& field)
{
    Preference p;
    const std::string type = reader.string(reader.require(in, "type", field), field + ".type");
    const auto kind = preferenceKindFromKey(type);
    if (!kind)
        reader.fail(field + ".type", "unknown preference type '" + type + "'");
    p.kind = *kind;
    switch (p.kind) {
    case PreferenceKind::Range:
    case PreferenceKind::RangeDrawn: {
        const std::string name = reader.string(reader.require(in, "attribute", field), field + ".attribute");
        const auto attribute = attributeFromKey(name);
        if (!attribute)
            reader.fail(field + ".attribute", "unknown feature '" + name + "'");
        p.attribute = *attribute;
        if (in.contains("min"))
            p.min = reader.number(in["min"], field + ".min");
        if (in.contains("max"))
            p.max = reader.number(in["max"], field + ".max");
        break;
    }
    case PreferenceKind::Genres: {
        const json& list = reader.require(in, "genres", field);
        if (!list.is_array())
            reader.fail(field + ".genres", "expected a list of genre names");
        for (std::size_t g = 0; g < list.size(); ++g)
            p.genres.push_back(reader.string(list[g], field + ".genres[" + std::to_string(g) + "]"));
        break;
    }
    case PreferenceKind::ArtistDrawn:
        if (in.contains("among"))
            p.among = reader.integer(in["among"], field + ".among");
        break;
    case PreferenceKind::DecadeDrawn:
        if (in.contains("from"))
            p.firstDecade = reader.integer(in["from"], field + ".from");
        if (in.contains("to"))
            p.lastDecade = reader.integer(in["to"], field + ".to");
        break;
    case PreferenceKind::AnyCommonGenre:
    case PreferenceKind::CommonGenreDrawn:
    case PreferenceKind::NicheGenreDrawn:
        break;
    }
    return p;
}

// Follows the parser through the document, so that an error the parser reports without a
// position still names the field it was reading ("archetypes[2].share").
class JsonPath
{
public:
    json::parser_callback_t callback()
    {
        return [this](int, json::parse_event_t event, json& parsed) {
            switch (event) {
            case json::parse_event_t::object_start:
            case json::parse_event_t::array_start:
                m_frames.push_back({event == json::parse_event_t::array_start, 0, {}});
                break;
            case json::parse_event_t::key:
                m_frames.back().key = parsed.get<std::string>();
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                m_frames.pop_back();
                valueDone();
                break;
            case json::parse_event_t::value:
                valueDone();
                break;
            }
            return true;
        };
    }

    std::string current() const
    {
        std::string out;
        for (const Frame& f : m_frames) {
            if (f.isArray)
                out += "[" + std::to_string(f.index) + "]";
            else if (!f.key.empty())
                out += (out.empty() ? "" : ".") + f.key;
        }
        return out;
    }

private:
    struct Frame
    {
        bool isArray = false;
        std::size_t index = 0; // of the element being read
        std::string key;       // of the member being read
    };

    void valueDone()
    {
        if (!m_frames.empty() && m_frames.back().isArray)
            ++m_frames.back().index;
    }

    std::vector<Frame> m_frames;
};

// Line and column of a byte offset, for JSON syntax errors.
InputLocation locate(const std::string& text, std::size_t byte, const std::string& fileName)
{
    InputLocation where{fileName, 1, 1, {}};
    for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++where.line;
            where.column = 1;
        } else {
            ++where.column;
        }
    }
    return where;
}

} // namespace

std::string archetypesToJson(const ArchetypeSet& set)
{
    json list = json::array();
    for (const Archetype& a : set.archetypes) {
        json prefs = json::array();
        for (const Preference& p : a.preferences)
            prefs.push_back(preferenceToJson(p));
        list.push_back({{"name", a.name},
                        {"share", a.share},
                        {"tracks_per_user", a.tracksPerUser},
                        {"preferences", prefs}});
    }
    json doc = {{"format", kFormatName}, {"version", kArchetypeFormatVersion}, {"archetypes", list}};
    return doc.dump(2) + "\n";
}

ArchetypeSet archetypesFromJson(const std::string& text, const std::string& fileName)
{
    json doc;
    JsonPath path;
    try {
        doc = json::parse(text, path.callback());
    } catch (const json::parse_error& e) {
        std::string reason = e.what();
        if (const auto cut = reason.find("syntax error"); cut != std::string::npos)
            reason = reason.substr(cut);
        throw InputError(locate(text, e.byte, fileName), "not valid JSON: " + reason);
    } catch (const json::exception& e) {
        // A number too large for a double ("number overflow parsing '9e999'") is an out_of_range
        // error without a position: name the field the parser was in and where the number is.
        const std::string reason = jsonErrorReason(e.what());
        const auto open = reason.find('\''), close = reason.rfind('\'');
        const auto at =
            open < close ? text.find(reason.substr(open + 1, close - open - 1)) : std::string::npos;
        InputLocation where =
            at == std::string::npos ? InputLocation{fileName, 0, 0, {}} : locate(text, at + 1, fileName);
        where.field = path.current();
        throw InputError(where, "not valid JSON: " + reason);
    }
    const FieldReader top(fileName, "archetype set");
    const auto format = doc.is_object() ? doc.find("format") : doc.end();
    if (!doc.is_object() || format == doc.end() || !format->is_string() ||
        format->get<std::string>() != kFormatName)
        top.fail("format",
                 "not an archetype set (expected \"format\": \"" + std::string(kFormatName) + "\")");
    const int version = top.integer(top.require(doc, "version", ""), "version");
    if (version > kArchetypeFormatVersion)
        top.fail("version", "written by a newer version (format " + std::to_string(version) +
                                "; this one reads up to " + std::to_string(kArchetypeFormatVersion) + ")");
    const json& list = top.require(doc, "archetypes", "");
    if (!list.is_array())
        top.fail("archetypes", "expected a list");

    ArchetypeSet set;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string base = "archetypes[" + std::to_string(i) + "]";
        const json& item = list[i];
        const FieldReader anonymous(fileName, base);
        Archetype a;
        a.name = anonymous.string(anonymous.require(item, "name", base), base + ".name");
        const FieldReader reader(fileName, "archetype '" + a.name + "'");
        a.share = reader.number(reader.require(item, "share", base), base + ".share");
        a.tracksPerUser =
            reader.integer(reader.require(item, "tracks_per_user", base), base + ".tracks_per_user");
        if (item.contains("preferences")) {
            const json& prefs = item["preferences"];
            if (!prefs.is_array())
                reader.fail(base + ".preferences", "expected a list");
            for (std::size_t p = 0; p < prefs.size(); ++p)
                a.preferences.push_back(
                    preferenceFromJson(prefs[p], reader, base + ".preferences[" + std::to_string(p) + "]"));
        }
        set.archetypes.push_back(std::move(a));
    }
    for (const ArchetypeProblem& problem : set.blockingProblems()) {
        const std::string field =
            problem.archetype < set.archetypes.size()
                ? "archetypes[" + std::to_string(problem.archetype) + "]." + problem.field
                : problem.field;
        throw InputError({fileName, 0, 0, field}, describeProblem(set, problem));
    }
    return set;
}

ArchetypeSet readArchetypeFile(const std::string& path)
{
    requireRegularFile(path, "archetype file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError({path, 0, 0, {}}, "cannot open the archetype file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return archetypesFromJson(buffer.str(), path);
}

void writeArchetypeFile(const ArchetypeSet& set, const std::string& path)
{
    writeFileAtomically(path, [&](std::ostream& out) { out << archetypesToJson(set); });
}

} // namespace gdbm::sim
