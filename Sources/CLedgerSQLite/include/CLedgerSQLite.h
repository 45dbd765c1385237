#ifndef CLEDGERSQLITE_H
#define CLEDGERSQLITE_H

#include <stdbool.h>

/// Turns off SQLite's memory statistics for the whole process: every allocation SQLite made
/// took a global mutex to count it. Works only before SQLite is first used; false when it did
/// not. sqlite3_config is variadic, which Swift cannot call, hence this function.
bool ledger_sqlite_disable_memory_statistics(void);

#endif
