// Debian's zlib (zlib1g-dev), for inflating the parts of a mapping workbook.
#include <zlib.h>
