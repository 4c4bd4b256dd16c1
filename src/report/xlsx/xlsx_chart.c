/* xlsx_chart.c - the native Excel charts of the workbook share one look.
 *
 * Charts only point at cells the sheets already hold (the engine's values); they add no
 * figure of their own. Colours: the portfolio total is a thick dark line, teams take the
 * report's team colours in order (report_charts.h, as in the PNG/SVG charts).
 */
#include "collectkpi/report_charts.h"
#include "xlsx_internal.h"

#define COLOR_TOTAL 0x1F4E79
#define COLOR_GRID  0xD9D9D9
#define COLOR_AXIS  0x595959

lxw_chart *xlsx_chart_new(xlsx_sheet *sheet, uint8_t type, const char *title,
                          const char *value_format)
{
    lxw_chart *chart = workbook_add_chart(sheet->book->workbook, type);
    if (chart == NULL) {
        xlsx_sheet_note_error(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    lxw_chart_font title_font = {.size = 12, .bold = LXW_TRUE, .color = COLOR_TOTAL};
    lxw_chart_font axis_font = {.size = 9, .color = COLOR_AXIS};
    lxw_chart_line grid = {.color = COLOR_GRID, .width = 0.75f};
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &axis_font);
    chart_axis_set_num_font(chart->x_axis, &axis_font);
    chart_axis_set_num_font(chart->y_axis, &axis_font);
    if (value_format != NULL) {
        /* A bar chart's value axis is its x axis. */
        lxw_chart_axis *values = type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis;
        chart_axis_set_num_format(values, value_format);
        chart_axis_major_gridlines_set_visible(values, LXW_TRUE);
        chart_axis_major_gridlines_set_line(values, &grid);
    }
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    return chart;
}

lxw_chart_series *xlsx_chart_add(lxw_chart *chart, const char *sheet_name, xlsx_range categories,
                                 xlsx_range values, size_t color_index, bool emphasis)
{
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (series == NULL)
        return NULL;
    chart_series_set_categories(series, sheet_name, categories.first_row, categories.first_col,
                                categories.last_row, categories.last_col);
    chart_series_set_values(series, sheet_name, values.first_row, values.first_col, values.last_row,
                            values.last_col);
    lxw_color_t color = emphasis ? COLOR_TOTAL : (lxw_color_t)report_team_rgb(color_index);
    if (chart->type == LXW_CHART_LINE) {
        lxw_chart_line line = {.color = color, .width = emphasis ? 3.0f : 1.75f};
        lxw_chart_fill marker_fill = {.color = color};
        chart_series_set_line(series, &line);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(series, emphasis ? 6 : 4);
        chart_series_set_marker_fill(series, &marker_fill);
        chart_series_set_marker_line(series, &line);
    } else {
        lxw_chart_fill fill = {.color = color};
        chart_series_set_fill(series, &fill);
    }
    return series;
}

void xlsx_chart_place_at(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, double x_px,
                         lxw_chart *chart, double width_px, double height_px)
{
    /* libxlsxwriter's default chart is 480 x 288 pixels; it anchors the chart when the
     * workbook is closed, by the columns' final widths, so an offset may run across them. */
    lxw_chart_options options = {.x_offset = 4 + (int32_t)x_px,
                                 .y_offset = 4,
                                 .x_scale = width_px / 480.0,
                                 .y_scale = height_px / 288.0};
    lxw_error err = worksheet_insert_chart_opt(sheet->worksheet, row, col, chart, &options);
    xlsx_sheet_note_error(sheet, err);
}

void xlsx_chart_place(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, lxw_chart *chart,
                      double width_px, double height_px)
{
    xlsx_chart_place_at(sheet, row, col, 0.0, chart, width_px, height_px);
}
