#ifndef CLEDGERSQLITE_H
#define CLEDGERSQLITE_H

/// Turns off SQLite's memory statistics for the whole process: every allocation SQLite made
/// took a global mutex to count it. Only before SQLite is first used (it returns SQLITE_MISUSE
/// after); sqlite3_config is variadic, which Swift cannot call, hence this function.
int ledger_sqlite_disable_memory_statistics(void);

#endif
