/* The vnner command line: one file a command (annotate.c, ingest.c, query.c,
 * graph.c; render.c writes graphs), main.c dispatching, cli.c the helpers
 * they share.  Everything goes through the public API, vnner.h; exit
 * statuses are exit.h's. */
#ifndef VNNER_CLI_H
#define VNNER_CLI_H
#include <stdarg.h>
#include <stddef.h>
#include "vnner.h"

/* ---- helpers (cli.c) ---- */
/* "vnner: " and the message on standard error, a line. */
void vn_cli_err(const char *fmt, ...);
/* Reads a whole file ("-" = standard input) up to MAX bytes; messages on failure. */
int vn_cli_read_file(const char *path, size_t max, char **out, size_t *len);
/* Parses a --max-size value; a message and -1 when malformed. */
int vn_cli_parse_size(const char *s, size_t *out);
int vn_cli_load_model(vnner_model **m, char **gaz, size_t ngaz);
/* DB if given, else $VNNER_DB, else vnner.db. */
const char *vn_cli_default_db(const char *db);

/* ---- commands: each takes its own argv (argv[0] the command's name) ---- */
int vn_cmd_annotate(int argc, char **argv);
int vn_cmd_ingest(int argc, char **argv);
int vn_cmd_who(int argc, char **argv);
int vn_cmd_positions(int argc, char **argv);
int vn_cmd_graph(int argc, char **argv);
int vn_cmd_history(int argc, char **argv); /* archive.c: history, export, stats, forget */
int vn_cmd_export(int argc, char **argv);
int vn_cmd_stats(int argc, char **argv);
int vn_cmd_forget(int argc, char **argv);

/* ---- render.c ---- */
/* Writes DOT to OUTPATH (or standard output), rendered to SVG with dot when SVG. */
int vn_cli_emit_graph(const char *dot, const char *outpath, int svg);
#endif
