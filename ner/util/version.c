/* The library's version at run time: the header a program was compiled with
 * may be older than the library it runs with. */
#include "vnner.h"

const char *vnner_version_string(void) { return VNNER_VERSION; }
