#include "project/SqliteDb.h"

#include "core/Error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sqlite3.h>

namespace gdbm::project {
namespace {

enum Tag : std::uint64_t { kInteger = 1, kReal, kText, kBlob, kNull };

const char* nonNull(std::string_view bytes)
{
    // SQLite binds a null pointer as NULL, not as an empty string or blob.
    return bytes.data() ? bytes.data() : "";
}

} // namespace

void Checksum::add(std::uint64_t word)
{
    m_state ^= word;
    m_state *= 0x9e3779b97f4a7c15ull; // odd: a bijection
    m_state ^= m_state >> 29;         // invertible too; spreads high bits into low ones
}

void Checksum::addBytes(std::string_view bytes)
{
    add(bytes.size());
    for (std::size_t at = 0; at < bytes.size(); at += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + at, std::min<std::size_t>(8, bytes.size() - at));
        add(word);
    }
}

SqliteDb::SqliteDb(const std::string& file, const std::string& name, Mode mode) : m_name(name), m_mode(mode)
{
    const int flags = mode == Mode::Write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    const int code = sqlite3_open_v2(file.c_str(), &m_db, flags, nullptr);
    if (code != SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
        fail({}, code);
    }
    // A constructor that throws runs no destructor: the handle is closed here.
    try {
        if (mode == Mode::Write) {
            // The file is a fresh temporary one that only this writer sees and that is renamed
            // into place once complete (and then flushed): the rename gives the atomicity, so no
            // journal and no syncs of SQLite's own.
            exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;", {});
        } else {
            // The file may be damaged or foreign: SQLite's advice for untrusted databases.
            const int defensive = sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
            if (defensive != SQLITE_OK)
                fail({}, defensive);
            exec("PRAGMA cell_size_check=ON; PRAGMA mmap_size=0; PRAGMA trusted_schema=OFF;", {});
        }
    } catch (...) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

SqliteDb::~SqliteDb()
{
    // close_v2: the handle is released even if a statement were still open.
    sqlite3_close_v2(m_db);
}

void SqliteDb::exec(const std::string& sql, const std::string& table)
{
    const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        fail(table, code);
}

void SqliteDb::close()
{
    sqlite3* db = m_db;
    m_db = nullptr;
    const int code = sqlite3_close(db);
    if (code != SQLITE_OK) {
        sqlite3_close_v2(db); // not leaked: released once its statements are gone
        fail({}, sqlite3_errstr(code));
    }
}

void SqliteDb::fail(const std::string& field, const std::string& reason) const
{
    throw InputError({m_name, 0, 0, field}, reason);
}

void SqliteDb::fail(const std::string& field, int code) const
{
    const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
    if (m_mode == Mode::Write) {
        if ((code & 0xff) == SQLITE_FULL)
            fail(field, "cannot write the project: the disk is full");
        fail(field, "cannot write the project: " + message);
    }
    switch (code & 0xff) {
    case SQLITE_NOTADB:
        fail(field, "not a GDBM Studio project (not an SQLite database)");
    case SQLITE_CORRUPT:
        fail(field, "the project file is damaged (" + message + ")");
    case SQLITE_CANTOPEN:
        fail(field, "cannot open the project file: " + message);
    case SQLITE_ERROR:
        // What a missing table or column gives when a statement is prepared.
        fail(field, "not a complete GDBM Studio project: " + message);
    default:
        fail(field, "cannot read the project file: " + message);
    }
}

SqliteStatement::SqliteStatement(SqliteDb& db, const std::string& sql, std::string table)
    : m_db(db), m_table(std::move(table))
{
    const int code = sqlite3_prepare_v3(db.handle(), sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                        &m_statement, nullptr);
    if (code != SQLITE_OK)
        m_db.fail(m_table, code);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::check(int code) const
{
    if (code != SQLITE_OK)
        m_db.fail(m_table, code);
}

void SqliteStatement::bind(int index, std::int64_t value)
{
    m_checksum.add(kInteger);
    m_checksum.add(std::uint64_t(value));
    check(sqlite3_bind_int64(m_statement, index, value));
}

void SqliteStatement::bindReal(int index, double value)
{
    if (std::isnan(value)) {
        m_checksum.add(kNull);
        check(sqlite3_bind_null(m_statement, index));
        return;
    }
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    m_checksum.add(kReal);
    m_checksum.add(bits);
    check(sqlite3_bind_double(m_statement, index, value));
}

void SqliteStatement::bindText(int index, std::string_view value)
{
    m_checksum.add(kText);
    m_checksum.addBytes(value);
    check(sqlite3_bind_text64(m_statement, index, nonNull(value), value.size(), SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::bindBlob(int index, std::string_view value)
{
    m_checksum.add(kBlob);
    m_checksum.addBytes(value);
    check(sqlite3_bind_blob64(m_statement, index, nonNull(value), value.size(), SQLITE_STATIC));
}

void SqliteStatement::insert()
{
    const int code = sqlite3_step(m_statement);
    if (code != SQLITE_DONE)
        m_db.fail(m_table, code);
    check(sqlite3_reset(m_statement));
    ++m_rows;
}

bool SqliteStatement::next()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) {
        ++m_rows;
        return true;
    }
    if (code != SQLITE_DONE)
        m_db.fail(m_table, code);
    return false;
}

void SqliteStatement::fail(int column, const std::string& reason) const
{
    const char* name = sqlite3_column_name(m_statement, column);
    m_db.fail(m_table + "." + (name ? name : "?"), "row " + std::to_string(m_rows) + ": " + reason);
}

int SqliteStatement::expectType(int column, int type, const char* what)
{
    const int stored = sqlite3_column_type(m_statement, column);
    if (stored != type && !(type == SQLITE_FLOAT && stored == SQLITE_NULL))
        fail(column, std::string("expected ") + what);
    return stored;
}

std::int64_t SqliteStatement::integer(int column, std::int64_t min, std::int64_t max)
{
    expectType(column, SQLITE_INTEGER, "an integer");
    const std::int64_t value = sqlite3_column_int64(m_statement, column);
    m_checksum.add(kInteger);
    m_checksum.add(std::uint64_t(value));
    if (value < min || value > max)
        fail(column,
             std::to_string(value) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return value;
}

double SqliteStatement::real(int column)
{
    if (expectType(column, SQLITE_FLOAT, "a number") == SQLITE_NULL) {
        m_checksum.add(kNull);
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double value = sqlite3_column_double(m_statement, column);
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    m_checksum.add(kReal);
    m_checksum.add(bits);
    return value;
}

std::string SqliteStatement::text(int column)
{
    expectType(column, SQLITE_TEXT, "text");
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    std::string value(data ? data : "", std::size_t(sqlite3_column_bytes(m_statement, column)));
    m_checksum.add(kText);
    m_checksum.addBytes(value);
    return value;
}

std::string SqliteStatement::blob(int column)
{
    expectType(column, SQLITE_BLOB, "a blob");
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
    std::string value(data ? data : "", data ? std::size_t(sqlite3_column_bytes(m_statement, column)) : 0);
    m_checksum.add(kBlob);
    m_checksum.addBytes(value);
    return value;
}

} // namespace gdbm::project
