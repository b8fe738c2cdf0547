/** Process exit codes of the powerflow CLI. */
export const EXIT_OK = 0;
/** The work itself failed (a cell error, a failed upload, a model that did not fit). */
export const EXIT_FAILED = 1;
/** Bad usage or bad input (unknown flag, missing file, invalid data). */
export const EXIT_USAGE = 2;
