/* cmd_demo.c - `collectkpi demo DB`: write the deterministic synthetic case database.
 *
 * Parses the options, shows a progress bar on stderr when it is a terminal, and leaves the
 * generating to demo.c, which knows nothing of terminals.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "collectkpi/datetime.h"
#include "collectkpi/demo.h"
#include "collectkpi/number.h"
#include "collectkpi/period.h"

enum { OPT_SIZE = 1000, OPT_SEED, OPT_END_MONTH, OPT_FORCE };

static const char demo_help[] =
    "usage: collectkpi demo DB [--size demo|large] [--seed N] [--end-month YYYY-MM]\n"
    "                          [--force]\n\n"
    "Write DB, a realistic synthetic case database of a debt-collection centre: teams,\n"
    "agents who join and leave, cases placed over the months and worked, reassigned,\n"
    "paid (partly, and sometimes reversed) and closed, with contacts, promises to pay,\n"
    "complaints and surveys. The same arguments always give the same bytes.\n\n"
    "  --size demo|large    demo (default): 60 agents in 6 teams, 20,000 cases,\n"
    "                       about 600,000 contacts, 13 months;\n"
    "                       large: 1,000 agents in 50 teams, 1,000,000 cases,\n"
    "                       about 30,000,000 contacts, 24 months (a benchmark)\n"
    "  --seed N             the random seed, 0 to 18446744073709551615 (default 1)\n"
    "  --end-month YYYY-MM  the last month covered, 2000-01 or later (default: the\n"
    "                       last complete calendar month before today)\n"
    "  --force              replace DB if it exists (otherwise an existing file is\n"
    "                       never touched)\n"
    "  -h, --help           show this help\n\n"
    "The file is written under a temporary name in the same folder and renamed into\n"
    "place when complete. See docs/demo.md for what the data looks like.\n";

/* A decimal number without sign, spaces or trailing text that fits 64 bits. */
static bool parse_seed(const char *text, uint64_t *out)
{
    return text != NULL && number_parse_uint64(text, strlen(text), out);
}

/* The progress bar: redrawn in place, only when stderr is a terminal. */
typedef struct bar {
    int last_percent;
    const char *last_phase;
} bar;

static void draw_bar(void *ctx, const char *phase, double fraction)
{
    bar *b = ctx;
    int percent = (int)(fraction * 100.0 + 0.5);
    if (percent == b->last_percent && phase == b->last_phase)
        return;
    b->last_percent = percent;
    b->last_phase = phase;
    char cells[31];
    int filled = percent * 30 / 100;
    for (int i = 0; i < 30; i++)
        cells[i] = i < filled ? '#' : '.';
    cells[30] = '\0';
    fprintf(stderr, "\rcollectkpi demo: [%s] %3d%% %-20s", cells, percent, phase);
    fflush(stderr);
}

int cmd_demo(int argc, char **argv)
{
    static const struct option options[] = {
        {"size", required_argument, NULL, OPT_SIZE},
        {"seed", required_argument, NULL, OPT_SEED},
        {"end-month", required_argument, NULL, OPT_END_MONTH},
        {"force", no_argument, NULL, OPT_FORCE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    demo_options opts;
    memset(&opts, 0, sizeof opts);
    opts.size = DEMO_SIZE_DEMO;
    opts.seed = 1;
    const char *end_month = NULL;
    ck_diag diag = {{0}};
    int opt;
    while ((opt = cmd_getopt("demo", argc, argv, ":h", options)) != -1) {
        switch (opt) {
        case 'h': fputs(demo_help, stdout); return 0;
        case OPT_SIZE:
            if (!demo_size_from_text(optarg, &opts.size))
                return cmd_usage_error("demo", "--size '%s' is not demo or large", optarg);
            break;
        case OPT_SEED:
            if (!parse_seed(optarg, &opts.seed))
                return cmd_usage_error("demo",
                                       "--seed '%s' is not a whole number from 0 to "
                                       "18446744073709551615",
                                       optarg);
            break;
        case OPT_END_MONTH: end_month = optarg; break;
        case OPT_FORCE: opts.force = true; break;
        default: return ck_exit_status(CK_ERR_USAGE);
        }
    }
    if (argc - optind != 1)
        return cmd_usage_error("demo", argc - optind == 0 ? "missing the database file argument"
                                                          : "expected one database file argument");
    const char *path = argv[optind];
    if (path[0] == '\0')
        return cmd_usage_error("demo", "the database file name is empty");

    period month;
    if (end_month != NULL) {
        if (period_from_month_text(end_month, &month, &diag) != CK_OK)
            return cmd_usage_error("demo", "--end-month %s", diag.text);
    } else {
        /* The default follows the wall clock on purpose: the newest complete month. */
        time_t now = time(NULL);
        struct tm local;
        localtime_r(&now, &local);
        period_last_complete_month(
            datetime_days_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday),
            &month);
    }
    opts.end_year = month.month_year;
    opts.end_month = month.month;

    bar progress_bar = {-1, NULL};
    bool tty = isatty(STDERR_FILENO) != 0;
    if (tty) {
        opts.progress = draw_bar;
        opts.progress_ctx = &progress_bar;
    }
    demo_summary summary;
    ck_error err = demo_generate(path, &opts, &summary, &diag);
    if (tty)
        fputc('\n', stderr);
    if (err == CK_ERR_USAGE)
        return cmd_usage_error("demo", "%s", diag.text);
    if (err != CK_OK)
        return cmd_fail(err, &diag, "cannot write demo database '%s'", path);

    int last = summary.first_year * 12 + summary.first_month - 1 + summary.months - 1;
    printf("wrote %s: %lld teams, %lld agents, %lld cases, %lld assignments, %lld contacts,\n"
           "  %lld promises, %lld payments, %lld complaints, %lld surveys;\n"
           "  %d months %04d-%02d..%04d-%02d, seed %llu\n",
           path, (long long)summary.teams, (long long)summary.agents, (long long)summary.cases,
           (long long)summary.assignments, (long long)summary.contacts, (long long)summary.promises,
           (long long)summary.payments, (long long)summary.complaints, (long long)summary.surveys,
           summary.months, summary.first_year, summary.first_month, last / 12, last % 12 + 1,
           (unsigned long long)opts.seed);
    return 0;
}
