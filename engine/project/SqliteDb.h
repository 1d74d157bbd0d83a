#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gdbm::project {

// A checksum of the values a table holds, fed value by value as they are written and again as
// they are read back: SQLite notices damage to its own structures, not a changed number inside a
// row. Each step is a bijection of the state, so changing any one value always changes the sum.
class Checksum
{
public:
    void add(std::uint64_t word);
    void addBytes(std::string_view bytes);
    std::uint64_t value() const { return m_state; }

private:
    std::uint64_t m_state = 0xcbf29ce484222325ull;
};

// An open SQLite database standing for a project file. Errors are InputErrors that name the
// project file (`name`, not the temporary file being written) and the table or column at hand.
class SqliteDb
{
public:
    enum class Mode { Write, ReadOnly }; // Write opens or creates the file

    SqliteDb(const std::string& file, const std::string& name, Mode mode);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    // Runs statements without results (schema, pragmas, transactions).
    void exec(const std::string& sql, const std::string& table);
    // Closes now, reporting what closing reports (the destructor cannot throw).
    void close();

    // Throws the InputError for an SQLite result code: "not an SQLite database", "corrupted",
    // "disk full", or SQLite's own message.
    [[noreturn]] void fail(const std::string& field, int code) const;
    [[noreturn]] void fail(const std::string& field, const std::string& reason) const;

    sqlite3* handle() const { return m_db; }
    const std::string& name() const { return m_name; }

private:
    sqlite3* m_db = nullptr;
    std::string m_name;
    Mode m_mode;
};

// One prepared statement on one table. Writing: bind a row's values (1-based, as SQLite counts)
// and insert(). Reading: next() until false; the getters (0-based columns) check the stored type
// and range and name table.column and the row. Both feed the checksum with every value.
class SqliteStatement
{
public:
    SqliteStatement(SqliteDb& db, const std::string& sql, std::string table);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind(int index, std::int64_t value);
    // NaN is stored as NULL (SQLite would turn it into NULL anyway) and read back as NaN.
    void bindReal(int index, double value);
    void bindText(int index, std::string_view value);
    void bindBlob(int index, std::string_view value);
    void insert();

    bool next();
    std::int64_t integer(int column, std::int64_t min, std::int64_t max);
    double real(int column);
    std::string text(int column);
    std::string blob(int column);

    [[noreturn]] void fail(int column, const std::string& reason) const;

    const std::string& table() const { return m_table; }
    std::size_t rows() const { return m_rows; }
    std::uint64_t checksum() const { return m_checksum.value(); }

private:
    void check(int code) const;
    int expectType(int column, int type, const char* what);

    SqliteDb& m_db;
    sqlite3_stmt* m_statement = nullptr;
    std::string m_table;
    std::size_t m_rows = 0;
    Checksum m_checksum;
};

} // namespace gdbm::project
