#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Readers for the ways public Spotify exports write one value. Each takes a trimmed field and
// returns nullopt when the text is not of its kind; none of them throws.
namespace gdbm::data {

// A number as exports write it: "0.75", "-5.2", "1e-5", and with thousands separators as
// spreadsheets write counts ("2,445", "1,412.5": groups of exactly three digits). Non-finite
// results ("inf", "1e999") are nullopt.
std::optional<double> parseNumberText(std::string_view text);

// A key as a pitch class 0-11 (or Spotify's -1, no key detected): a number, or a note name with
// an optional accidental, ASCII or symbol: "C", "C#", "Db", "C♯", "D♭", "B#" (= 0), "cb" (= 11).
// A trailing mode word is allowed and ignored ("A minor", "F# major").
std::optional<double> parseKeyText(std::string_view text);

// A mode: 1 for "Major"/"maj"/"1", 0 for "Minor"/"min"/"0", in any case.
std::optional<double> parseModeText(std::string_view text);

// A boolean: true/false, t/f, 1/0, yes/no, y/n, in any case.
std::optional<bool> parseBooleanText(std::string_view text);

// A time signature: "4", or "4/4" and "3/4" (the beats per bar).
std::optional<double> parseTimeSignatureText(std::string_view text);

// A clock duration "m:ss" or "h:mm:ss" ("3:45" -> 225 seconds); nullopt for anything else.
std::optional<double> parseClockSeconds(std::string_view text);

// A release year from a date: "2009", "2009-10", "2009-10-28", also with a time after the
// day ("2009-10-28T00:00:00Z") or as "10/28/2009" / "28.10.2009" (the year is the last part).
std::optional<int> parseDateYear(std::string_view text);

// A Python list literal of strings, as some exports write multi-valued fields:
// "['Mamie Smith']", "['A', \"B's\"]". nullopt when the text is not one.
std::optional<std::vector<std::string>> parsePythonList(std::string_view text);

} // namespace gdbm::data
