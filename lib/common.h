/* common.h - what every module of the library shares: the public header,
 * the arena and string buffer, and two small macros. Not installed. */
#ifndef PK_COMMON_H
#define PK_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <parkcheck/parkcheck.h>

#include "arena.h"
#include "strbuf.h"

#if defined(__GNUC__)
#define PK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PK_PRINTF(a, b)
#endif

/* No index: an element, attribute, node or fact that is not there. */
#define PK_NONE UINT32_MAX

#endif
