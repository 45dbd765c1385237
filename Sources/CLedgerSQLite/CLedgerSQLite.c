#include <sqlite3.h>
#include "CLedgerSQLite.h"

bool ledger_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}
