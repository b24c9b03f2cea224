/* parkcheck serve (serve.c), for the command line. */
#ifndef PK_SERVER_SERVE_H
#define PK_SERVER_SERVE_H

int cli_run_serve(int argc, char **argv);

#endif
