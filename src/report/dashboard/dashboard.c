/* dashboard.c - the management dashboard DIR/index.html (see dashboard.h).
 *
 * One self-contained page: inline CSS, the SVG
 * charts inlined as data: images (each keeps its own ids and styles, and an <img> never
 * runs script), a few lines of plain JavaScript that make the tables sortable (the page
 * reads the same without it), no network, no external font. Every text goes through
 * html_write_text (dashboard_put.c). Written to a temporary name in DIR and renamed into
 * place (atomic_file). The figures themselves are dashboard_tables.c.
 */
#include "collectkpi/dashboard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/atomic_file.h"
#include "collectkpi/datetime.h"
#include "collectkpi/format.h"
#include "collectkpi/period.h"
#include "collectkpi/report_charts.h"
#include "collectkpi/vec.h"
#include "dashboard_internal.h"

/* Works at 1366 x 768 and at 375 px (cards wrap, tables scroll sideways with the names
 * kept in view), and prints on white with nothing cut inside a card, row or chart. */
static const char page_style[] =
    ":root{--ink:#1f2328;--muted:#59636e;--line:#d5dbe1;--bg:#f5f7f9;--good:#1b7f3b;"
    "--bad:#c0392b;--comp:#fff7e8}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
    "\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:var(--ink);"
    "background:var(--bg)}\n"
    "header.top{background:#1f3b57;color:#fff;padding:14px 24px}\n"
    "header.top h1{margin:0;font-size:1.45rem;font-weight:600}\n"
    "header.top .meta{margin:4px 0 0;color:#d3deea;font-size:.85rem}\n"
    "header.top nav{margin-top:6px;font-size:.9rem}\n"
    "header.top nav a{color:#fff;margin-right:14px;text-decoration:none;"
    "border-bottom:1px solid #8fb0cf}\n"
    "main{max-width:1400px;margin:0 auto;padding:8px 16px 32px}\n"
    "section{margin-top:24px}\n"
    "h2{font-size:1.2rem;margin:0 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}\n"
    "h3{font-size:1rem;margin:16px 0 8px}\n"
    ".groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));"
    "gap:14px}\n"
    ".group{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}\n"
    ".group.compliance{background:var(--comp)}\n"
    ".group h3{margin:0 0 8px;font-size:.95rem;color:var(--muted)}\n"
    /* Cards wrap like words: a card is never narrower than its figure (a large collected
     * amount in a fixed grid column ran into the next card). */
    ".cards{display:flex;flex-wrap:wrap;gap:8px}\n"
    ".card{flex:1 1 150px;border-left:3px solid #4e79a7;padding:2px 8px}\n"
    ".compliance .card{border-left-color:#e08a1e}\n"
    ".card .k{font-size:.8rem;color:var(--muted);line-height:1.25}\n"
    ".card .v{font-size:1.3rem;font-weight:600;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"

    ".card .d{font-size:.8rem;color:var(--muted);white-space:nowrap}\n"
    ".card .d.good{color:var(--good)}.card .d.bad{color:var(--bad)}\n"
    ".note,.hint{color:var(--muted);font-size:.85rem;margin:8px 0}\n"
    ".scroll{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}\n"
    "table{border-collapse:separate;border-spacing:0;width:100%;font-size:.85rem}\n"
    "th,td{padding:6px 5px;border-bottom:1px solid #e8ecef;white-space:nowrap;text-align:left}\n"
    "thead th{background:#eef2f5;font-weight:600;vertical-align:bottom;white-space:normal;"
    "min-width:4.5em}\n"
    "tbody th,tfoot th{font-weight:600}\n"
    ".name,tbody th{white-space:normal;min-width:7em;max-width:15em;overflow-wrap:break-word}\n"
    "tr>:first-child{position:sticky;left:0;background:inherit;z-index:1}\n"
    "thead tr{background:#eef2f5}tbody tr,tfoot tr{background:#fff}tbody "
    "tr:hover{background:#f3f7fb}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.c{background:var(--comp)}thead th.c{background:#fbe9c8}\n"
    "tfoot th,tfoot td{border-top:2px solid var(--line);font-weight:600}\n"
    "th.sort{cursor:pointer;user-select:none}th.sort:hover{background:#dde6ee}\n"
    "th[aria-sort=ascending]::after{content:\" \\25B2\"}"
    "th[aria-sort=descending]::after{content:\" \\25BC\"}\n"
    ".figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,900px),1fr));"
    "gap:14px}\n"
    "figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;"
    "padding:6px}\n"
    "figure img{display:block;width:100%;height:auto}\n"
    "dl.defs{display:grid;grid-template-columns:minmax(10em,18em) 1fr;gap:6px 16px;"
    "background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;margin:0}\n"
    "dl.defs dt{font-weight:600}dl.defs dd{margin:0}\n"
    "dl.defs code{font-weight:400;color:var(--muted);font-size:.8em}\n"
    "footer{color:var(--muted);font-size:.8rem;text-align:center;padding:16px}\n"
    "@media (max-width:640px){body{font-size:14px}header.top{padding:12px}"
    ".name,tbody th{min-width:6em;max-width:9em}"
    "main{padding:4px 10px 24px}.card{flex-basis:40%}"
    "dl.defs{grid-template-columns:1fr}dl.defs dd{margin-bottom:8px}"
    "header.top nav a{display:inline-block;margin-bottom:4px}}\n"
    "@media print{body{background:#fff;font-size:9.5pt}header.top{background:none;color:#000;"
    "padding:0}header.top .meta{color:#333}nav,.hint{display:none}main{max-width:none;"
    "padding:0}.scroll{overflow:visible;border:0}table{font-size:7.5pt}"
    "tr>:first-child{position:static}th,td{padding:2px 4px}.figs{display:block}"
    "figure{margin-bottom:8px}figure,.group,tr,dt,dd{break-inside:avoid}"
    "h2{break-after:avoid}}\n";

/* The rest of the style (one string literal may hold only so much): the banner of a period
 * the data does not cover. */
static const char page_style_more[] =
    ".banner{margin:12px 0;padding:10px 14px;border:2px solid var(--bad);border-radius:6px;"
    "background:#fde2e1;color:#9c0006;font-weight:600}\n";

/* Sorting: click (or Enter on) a header; numbers start high, text A-Z; "–" stays last. */
static const char page_script[] =
    "(function () {\n"
    "  'use strict';\n"
    "  function key(cell) {\n"
    "    var v = cell.getAttribute('data-v');\n"
    "    if (v === null) return cell.textContent.trim();\n"
    "    return v === '' ? null : Number(v);\n"
    "  }\n"
    "  function sortBy(table, col, th) {\n"
    "    var numeric = th.getAttribute('data-type') === 'num';\n"
    "    var current = th.getAttribute('aria-sort');\n"
    "    var asc = current ? current === 'descending' : !numeric;\n"
    "    var heads = table.tHead.rows[0].cells;\n"
    "    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');\n"
    "    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');\n"
    "    var body = table.tBodies[0];\n"
    "    var rows = Array.prototype.slice.call(body.rows);\n"
    "    rows.sort(function (a, b) {\n"
    "      var x = key(a.cells[col]), y = key(b.cells[col]);\n"
    "      if (x === null || y === null) return (x === null) - (y === null);\n"
    "      var c = typeof x === 'number' ? x - y : x.localeCompare(y);\n"
    "      return asc ? c : -c;\n"
    "    });\n"
    "    rows.forEach(function (r) { body.appendChild(r); });\n"
    "  }\n"
    "  var tables = document.querySelectorAll('table.sortable');\n"
    "  Array.prototype.forEach.call(tables, function (table) {\n"
    "    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {\n"
    "      th.tabIndex = 0;\n"
    "      th.classList.add('sort');\n"
    "      th.addEventListener('click', function () { sortBy(table, col, th); });\n"
    "      th.addEventListener('keydown', function (e) {\n"
    "        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); "
    "sortBy(table, col, th); }\n"
    "      });\n"
    "    });\n"
    "  });\n"
    "  document.documentElement.setAttribute('data-sortable', 'ready');\n"
    "})();\n";

static void put_header(const dashboard_page *p)
{
    FILE *out = p->out;
    const kpi_result *r = p->data->current;
    char period[32], as_of[DATETIME_TS_SIZE];
    period_label(&r->period, period, sizeof period);
    datetime_format_ts(r->as_of, as_of);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>",
            p->lang == SETTINGS_LANG_ZH ? "zh-CN" : "en");
    dashboard_put(p, dashboard_text(p, "dashboard.title"));
    fputs(" \xC2\xB7 ", out);
    dashboard_put(p, period);
    fprintf(out, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n<header class=\"top\">\n<h1>",
            page_style, page_style_more);
    dashboard_put(p, dashboard_text(p, "dashboard.title"));
    fputs(" \xC2\xB7 ", out);
    dashboard_put(p, period);
    fputs("</h1>\n<p class=\"meta\">", out);
    dashboard_put(p, dashboard_text(p, "report.def.database"));
    dashboard_put_colon(p);
    dashboard_put(p, p->data->database_name != NULL ? p->data->database_name : "");
    fputs(" \xC2\xB7 ", out);
    dashboard_put(p, dashboard_text(p, "report.as_of"));
    dashboard_put_colon(p);
    dashboard_put(p, as_of);
    fputs(" \xC2\xB7 collectkpi ", out);
    dashboard_put(p, p->data->program_version != NULL ? p->data->program_version : "");
    fputs("</p>\n<nav>", out);
    static const char *const sections[][2] = {
        {"portfolio", "dashboard.portfolio"},     {"teams", "dashboard.teams"},
        {"agents", "dashboard.agents"},           {"charts", "dashboard.charts"},
        {"definitions", "dashboard.definitions"},
    };
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        fprintf(out, "<a href=\"#%s\">", sections[i][0]);
        dashboard_put(p, dashboard_text(p, sections[i][1]));
        fputs("</a>", out);
    }
    fputs("</nav>\n</header>\n<main>\n", out);
    /* The data does not cover the period: the first thing on the page, before any figure. */
    char banner[FORMAT_COVERAGE_NOTE_SIZE];
    if (format_coverage_note(r, p->lang, banner, sizeof banner)) {
        fputs("<p class=\"banner\" role=\"alert\">", out);
        dashboard_put(p, banner);
        fputs("</p>\n", out);
    }
}

/* RFC 4648 base64 of data[0..size) onto out. */
static void put_base64(FILE *out, const unsigned char *data, size_t size)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < size; i += 3) {
        unsigned long group = (unsigned long)data[i] << 16;
        if (i + 1 < size)
            group |= (unsigned long)data[i + 1] << 8;
        if (i + 2 < size)
            group |= data[i + 2];
        putc(alphabet[(group >> 18) & 63], out);
        putc(alphabet[(group >> 12) & 63], out);
        putc(i + 1 < size ? alphabet[(group >> 6) & 63] : '=', out);
        putc(i + 2 < size ? alphabet[group & 63] : '=', out);
    }
}

/* The bytes of path in *data (malloc'd). */
static ck_error read_file(const char *path, unsigned char **data, size_t *size, ck_diag *diag)
{
    ck_error err = CK_OK;
    *data = NULL;
    *size = 0;
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        ck_diag_set(diag, "cannot read the chart '%s': %s", path, strerror(errno));
        return CK_ERR_IO;
    }
    size_t capacity = 0;
    for (;;) {
        if (!VEC_RESERVE(*data, capacity, *size + 65536)) {
            err = CK_ERR_NOMEM;
            ck_diag_set(diag, "out of memory while reading the chart '%s'", path);
            goto done;
        }
        size_t n = fread(*data + *size, 1, capacity - *size, in);
        *size += n;
        if (n == 0)
            break;
    }
    if (ferror(in)) {
        err = CK_ERR_IO;
        ck_diag_set(diag, "cannot read the chart '%s'", path);
    }
done:
    fclose(in);
    if (err != CK_OK) {
        free(*data);
        *data = NULL;
    }
    return err;
}

static ck_error put_charts(const dashboard_page *p, const char *report_dir, bool with_charts,
                           ck_diag *diag)
{
    FILE *out = p->out;
    fputs("<section id=\"charts\">\n<h2>", out);
    dashboard_put(p, dashboard_text(p, "dashboard.charts"));
    fputs("</h2>\n", out);
    if (!with_charts) {
        fputs("<p class=\"note\">", out);
        dashboard_put(p, dashboard_text(p, "dashboard.no_charts"));
        fputs("</p>\n</section>\n", out);
        return CK_OK;
    }
    fputs("<div class=\"figs\">\n", out);
    for (size_t i = 0; i < REPORT_CHARTS_COUNT; i++) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/charts/%s.svg", report_dir, report_chart_names[i]);
        if (n < 0 || (size_t)n >= sizeof path) {
            ck_diag_set(diag, "the report folder's path is too long");
            return CK_ERR_IO;
        }
        unsigned char *svg;
        size_t size;
        ck_error err = read_file(path, &svg, &size, diag);
        if (err != CK_OK)
            return err;
        /* A tap opens the chart full size: its SVG beside the page, in charts/. */
        fprintf(out,
                "<figure id=\"chart-%s\"><a href=\"charts/%s.svg\"><img width=\"1280\" "
                "height=\"720\" alt=\"",
                report_chart_names[i], report_chart_names[i]);
        dashboard_put(p, report_chart_title(i, p->lang));
        fputs("\" src=\"data:image/svg+xml;base64,", out);
        put_base64(out, svg, size);
        fputs("\"></a></figure>\n", out);
        free(svg);
    }
    fputs("</div>\n</section>\n", out);
    return CK_OK;
}

static ck_error write_page(FILE *out, const char *report_dir, const report_data *data,
                           bool with_charts, ck_diag *diag)
{
    dashboard_page page = {out, data, data->lang};
    put_header(&page);
    dashboard_restated(&page);
    dashboard_headline(&page);
    dashboard_team_table(&page);
    dashboard_agent_table(&page);
    ck_error err = put_charts(&page, report_dir, with_charts, diag);
    if (err != CK_OK)
        return err;
    dashboard_definitions(&page);
    fputs("</main>\n<footer>", out);
    dashboard_put(&page, dashboard_text(&page, "dashboard.footer"));
    fprintf(out, "</footer>\n<script>\n%s</script>\n</body>\n</html>\n", page_script);
    return CK_OK;
}

ck_error dashboard_write(const char *report_dir, const report_data *data, bool with_charts,
                         ck_diag *diag)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/index.html", report_dir);
    if (n < 0 || (size_t)n >= sizeof path) {
        ck_diag_set(diag, "the report folder's path is too long");
        return CK_ERR_IO;
    }
    atomic_file file;
    ck_diag file_diag = {{0}};
    ck_error err = atomic_file_open(&file, path, &file_diag);
    if (err != CK_OK) {
        ck_diag_set(diag, "cannot write '%s': %s", path, file_diag.text);
        return err;
    }
    err = write_page(file.stream, report_dir, data, with_charts, diag);
    if (err == CK_OK) {
        err = atomic_file_commit(&file, &file_diag);
        if (err != CK_OK)
            ck_diag_set(diag, "cannot write '%s': %s", path, file_diag.text);
    }
    atomic_file_abort(&file);
    return err;
}
