/* Exit statuses of the vnner command line: the one place they are defined.
 * They are part of the outside contract (CONTRACT.md); vnner.1's EXIT STATUS
 * and the --help texts say the same. */
#ifndef VNNER_CLI_EXIT_H
#define VNNER_CLI_EXIT_H

enum {
    VN_EXIT_OK = 0,        /* success, also when a query finds no holder */
    VN_EXIT_BAD_INPUT = 1, /* a document or query could not be processed (the others of
                              a batch still are), an output could not be written, or
                              memory ran out (cli.h) */
    VN_EXIT_USAGE = 2,     /* wrong usage: an unknown command or option, a malformed
                              argument, a gazetteer or model that cannot be loaded, or
                              an output that is the database */
    VN_EXIT_DB = 3         /* the database could not be opened or written (what was
                              committed before stays) */
};

#endif
