/*
 * internal.h - every module's header at once, for the files that use many.
 * Not installed. Each module has its own header; include the ones a file
 * uses where that is few.
 *
 * The pieces, in the order data flows through them:
 *   common.h    the public header, arena, string buffer, PK_NONE
 *   problems.h  filling a pk_error; a dossier's list of problems (error.c)
 *   fileio.h    whole files into memory (fileio.c)
 *   textpos.h   byte offsets to line:column (textpos.c)
 *   value.h     typed values and their parsers (value.c)
 *   format.h    the dossier format description (format.c)
 *   dossier.h   a dossier read with SAX into typed nodes (dossier.c)
 *   engine.h    the engine: format and rule packs (engine.c)
 *   pack.h      loads, checks and compiles rule packs (pack*.c)
 *   path.c      the simple location paths facts are read by
 *   facts.c     computes a dossier's facts for one pack
 *   expr.c      three-valued condition trees
 *   report.h    rules, verdict and score into a pk_report (eval.c), the
 *               public getters (report.c) and the results' words
 *               (render.c)
 */
#ifndef PK_INTERNAL_H
#define PK_INTERNAL_H

#include "common.h"
#include "problems.h"
#include "fileio.h"
#include "textpos.h"
#include "value.h"
#include "format.h"
#include "dossier.h"
#include "engine.h"
#include "report.h"

#endif /* PK_INTERNAL_H */
