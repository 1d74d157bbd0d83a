#include "project/JsonReader.h"

#include "core/Error.h"
#include "core/JsonError.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace gdbm::project {

json JsonReader::parse(const std::string& text) const
{
    // Not only syntax errors: a number too large for a double (9e999) is an out_of_range error.
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        throw InputError({m_file, 0, 0, m_where}, "not valid JSON: " + jsonErrorReason(e.what()));
    }
}

void JsonReader::fail(std::string_view key, const std::string& reason) const
{
    throw InputError({m_file, 0, 0, key.empty() ? m_where : m_where + "." + std::string(key)}, reason);
}

const json& JsonReader::at(const json& object, std::string_view key) const
{
    if (!object.is_object())
        fail({}, "expected an object, found " + object.dump());
    const auto it = object.find(key);
    if (it == object.end())
        fail(key, "missing");
    return *it;
}

double JsonReader::real(const json& object, std::string_view key) const
{
    const json& value = at(object, key);
    if (value.is_number())
        return value.get<double>();
    if (value == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (value == "inf")
        return std::numeric_limits<double>::infinity();
    if (value == "-inf")
        return -std::numeric_limits<double>::infinity();
    fail(key, "expected a number, found " + value.dump());
}

std::int64_t JsonReader::integer(const json& object, std::string_view key, std::int64_t min,
                                 std::int64_t max) const
{
    return integerValue(at(object, key), key, min, max);
}

std::int64_t JsonReader::integerValue(const json& value, std::string_view key, std::int64_t min,
                                      std::int64_t max) const
{
    if (!value.is_number_integer())
        fail(key, "expected a whole number, found " + value.dump());
    // A huge unsigned number would wrap in get<int64_t>(): compare it as unsigned first.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t(max))
        fail(key, value.dump() + " is out of range");
    const auto wide = value.get<std::int64_t>();
    if (wide < min || wide > max)
        fail(key, value.dump() + " is out of range");
    return wide;
}

std::uint64_t JsonReader::unsignedInteger(const json& object, std::string_view key) const
{
    const json& value = at(object, key);
    if (!value.is_number_unsigned())
        fail(key, "expected a whole number of 0 or more, found " + value.dump());
    return value.get<std::uint64_t>();
}

std::size_t JsonReader::size(const json& object, std::string_view key) const
{
    return std::size_t(integer(object, key, 0, std::numeric_limits<std::int64_t>::max()));
}

bool JsonReader::boolean(const json& object, std::string_view key) const
{
    const json& value = at(object, key);
    if (!value.is_boolean())
        fail(key, "expected true or false, found " + value.dump());
    return value.get<bool>();
}

std::string JsonReader::text(const json& object, std::string_view key) const
{
    const json& value = at(object, key);
    if (!value.is_string())
        fail(key, "expected text, found " + value.dump());
    return value.get<std::string>();
}

const json& JsonReader::array(const json& object, std::string_view key) const
{
    const json& value = at(object, key);
    if (!value.is_array())
        fail(key, "expected a list, found " + value.dump());
    return value;
}

std::vector<std::size_t> JsonReader::sizes(const json& object, std::string_view key) const
{
    const json& list = array(object, key);
    std::vector<std::size_t> values;
    for (std::size_t i = 0; i < list.size(); ++i)
        values.push_back(std::size_t(integerValue(list[i], std::string(key) + "[" + std::to_string(i) + "]",
                                                  0, std::numeric_limits<std::int64_t>::max())));
    return values;
}

std::vector<std::string> JsonReader::texts(const json& object, std::string_view key) const
{
    const json& list = array(object, key);
    std::vector<std::string> values;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string())
            fail(std::string(key) + "[" + std::to_string(i) + "]", "expected text, found " + list[i].dump());
        values.push_back(list[i].get<std::string>());
    }
    return values;
}

const json& JsonReader::object(const json& object, std::string_view key) const
{
    const json& value = at(object, key);
    if (!value.is_object())
        fail(key, "expected an object, found " + value.dump());
    return value;
}

std::chrono::sys_days JsonReader::day(const json& object, std::string_view key) const
{
    const std::string value = text(object, key);
    int year = 0;
    unsigned month = 0, dayOfMonth = 0;
    char rest = 0;
    if (std::sscanf(value.c_str(), "%d-%u-%u%c", &year, &month, &dayOfMonth, &rest) != 3)
        fail(key, "expected a date (YYYY-MM-DD), found '" + value + "'");
    // Range checks first: chrono's month and day keep only the low bits of what they are given.
    if (year < -32767 || year > 32767 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31)
        fail(key, "'" + value + "' is not a valid date");
    const std::chrono::year_month_day parsed{std::chrono::year{year}, std::chrono::month{month},
                                             std::chrono::day{dayOfMonth}};
    if (!parsed.ok())
        fail(key, "'" + value + "' is not a valid date");
    return std::chrono::sys_days(parsed);
}

json realToJson(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return value;
}

json dayToJson(std::chrono::sys_days day)
{
    const std::chrono::year_month_day ymd(day);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buffer;
}

} // namespace gdbm::project
