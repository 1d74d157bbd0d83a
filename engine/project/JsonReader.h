#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::project {

using nlohmann::json;

// Reads values out of JSON text stored at one place in a project file, checking types and
// ranges. Errors are InputErrors naming the file and the field ("settings.training.batch_size").
class JsonReader
{
public:
    JsonReader(std::string file, std::string where) : m_file(std::move(file)), m_where(std::move(where)) {}

    json parse(const std::string& text) const;
    JsonReader child(std::string_view key) const { return {m_file, m_where + "." + std::string(key)}; }

    const json& at(const json& object, std::string_view key) const;
    double real(const json& object, std::string_view key) const; // see realToJson
    std::int64_t integer(const json& object, std::string_view key, std::int64_t min, std::int64_t max) const;
    std::uint64_t unsignedInteger(const json& object, std::string_view key) const;
    std::size_t size(const json& object, std::string_view key) const;
    bool boolean(const json& object, std::string_view key) const;
    std::string text(const json& object, std::string_view key) const;
    const json& array(const json& object, std::string_view key) const;
    std::vector<std::size_t> sizes(const json& object, std::string_view key) const;
    std::vector<std::string> texts(const json& object, std::string_view key) const;
    const json& object(const json& object, std::string_view key) const;
    std::chrono::sys_days day(const json& object, std::string_view key) const; // "2024-01-01"

    [[noreturn]] void fail(std::string_view key, const std::string& reason) const;

private:
    std::int64_t integerValue(const json& value, std::string_view key, std::int64_t min,
                              std::int64_t max) const;

    std::string m_file;
    std::string m_where;
};

// Doubles as JSON: finite ones as numbers in the shortest form that reads back to the same bits
// (nlohmann's), NaN and the infinities, which JSON has no number for, as "nan", "inf", "-inf".
json realToJson(double value);
json dayToJson(std::chrono::sys_days day);

} // namespace gdbm::project
