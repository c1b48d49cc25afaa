/* Anchor (a): libxlsxwriter (C) writing the same cells, styles, merges, widths and heights as
 * juesuan's exported workbook, read from the neutral dump of bench/dump_cells.py (parsed once,
 * outside the timed loop).
 * Usage: libxlsxwriter_export DUMP OUT.xlsx ITERATIONS   -> one JSON line (milliseconds)
 * Build: cc -O2 -o libxlsxwriter_export libxlsxwriter_export.c -lxlsxwriter */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum kind { K_SHEET, K_COL, K_ROW, K_NUM, K_STR, K_BLANK, K_MERGE };

typedef struct {
    enum kind kind;
    int r1, c1, r2, c2, fmt;
    double number;
    char *text;       /* sheet name, string value, or merge value */
    char merge_kind;  /* 's', 'n' or 'b' */
} record;

typedef struct {
    char *font, *numfmt, *halign, *valign, *fill;
    double size;
    int bold, wrap, left, right, top, bottom;
} format_spec;

static record *records;
static size_t nrecords, caprecords;
static format_spec formats[4096];
static int nformats;

static char *unescape(const char *s) {
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[++i];
            *o++ = c == 't' ? '\t' : c == 'n' ? '\n' : c;
        } else {
            *o++ = s[i];
        }
    }
    *o = 0;
    return out;
}

/* Splits a line on tabs in place; returns the number of fields. */
static int split(char *line, char **fields, int max) {
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == '\t') { *p = 0; fields[n++] = p + 1; }
    }
    return n;
}

static int border(const char *s) {
    if (!*s) return LXW_BORDER_NONE;
    if (!strcmp(s, "thin")) return LXW_BORDER_THIN;
    if (!strcmp(s, "medium")) return LXW_BORDER_MEDIUM;
    if (!strcmp(s, "thick")) return LXW_BORDER_THICK;
    if (!strcmp(s, "double")) return LXW_BORDER_DOUBLE;
    if (!strcmp(s, "dotted")) return LXW_BORDER_DOTTED;
    if (!strcmp(s, "dashed")) return LXW_BORDER_DASHED;
    if (!strcmp(s, "hair")) return LXW_BORDER_HAIR;
    return LXW_BORDER_THIN;
}

static void add(record r) {
    if (nrecords == caprecords) {
        caprecords = caprecords ? caprecords * 2 : 1024;
        records = realloc(records, caprecords * sizeof(record));
    }
    records[nrecords++] = r;
}

static void load(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(2); }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    char *fd[16];
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n') line[len - 1] = 0;
        int n = split(line, fd, 16);
        record r = {0};
        if (!strcmp(fd[0], "fmt") && n >= 14) {
            int id = atoi(fd[1]);
            if (id >= 4096) { fprintf(stderr, "too many formats\n"); exit(2); }
            format_spec *s = &formats[id];
            s->font = unescape(fd[2]); s->size = atof(fd[3]); s->bold = atoi(fd[4]);
            s->halign = unescape(fd[5]); s->valign = unescape(fd[6]); s->wrap = atoi(fd[7]);
            s->left = border(fd[8]); s->right = border(fd[9]); s->top = border(fd[10]); s->bottom = border(fd[11]);
            s->numfmt = unescape(fd[12]); s->fill = unescape(fd[13]);
            if (id >= nformats) nformats = id + 1;
            continue;
        } else if (!strcmp(fd[0], "sheet")) {
            r.kind = K_SHEET; r.text = unescape(fd[1]);
        } else if (!strcmp(fd[0], "col")) {
            r.kind = K_COL; r.c1 = atoi(fd[1]); r.number = atof(fd[2]);
        } else if (!strcmp(fd[0], "row")) {
            r.kind = K_ROW; r.r1 = atoi(fd[1]); r.number = atof(fd[2]);
        } else if (!strcmp(fd[0], "num")) {
            r.kind = K_NUM; r.r1 = atoi(fd[1]); r.c1 = atoi(fd[2]); r.fmt = atoi(fd[3]); r.number = atof(fd[4]);
        } else if (!strcmp(fd[0], "str")) {
            r.kind = K_STR; r.r1 = atoi(fd[1]); r.c1 = atoi(fd[2]); r.fmt = atoi(fd[3]); r.text = unescape(n > 4 ? fd[4] : "");
        } else if (!strcmp(fd[0], "blank")) {
            r.kind = K_BLANK; r.r1 = atoi(fd[1]); r.c1 = atoi(fd[2]); r.fmt = atoi(fd[3]);
        } else if (!strcmp(fd[0], "merge")) {
            r.kind = K_MERGE; r.r1 = atoi(fd[1]); r.c1 = atoi(fd[2]); r.r2 = atoi(fd[3]); r.c2 = atoi(fd[4]);
            r.fmt = atoi(fd[5]); r.merge_kind = fd[6][0];
            r.text = unescape(n > 7 ? fd[7] : "");
            r.number = atof(r.text);
        } else {
            continue;
        }
        add(r);
    }
    free(line);
    fclose(f);
}

static uint8_t align(const char *h) {
    if (!strcmp(h, "center")) return LXW_ALIGN_CENTER;
    if (!strcmp(h, "left")) return LXW_ALIGN_LEFT;
    if (!strcmp(h, "right")) return LXW_ALIGN_RIGHT;
    if (!strcmp(h, "centerContinuous")) return LXW_ALIGN_CENTER_ACROSS;
    return LXW_ALIGN_NONE;
}

static uint8_t valign(const char *v) {
    if (!strcmp(v, "center")) return LXW_ALIGN_VERTICAL_CENTER;
    if (!strcmp(v, "top")) return LXW_ALIGN_VERTICAL_TOP;
    if (!strcmp(v, "bottom")) return LXW_ALIGN_VERTICAL_BOTTOM;
    return LXW_ALIGN_NONE;
}

static void write_workbook(const char *out) {
    lxw_workbook *wb = workbook_new(out);
    lxw_format *fmts[4096];
    for (int i = 0; i < nformats; i++) {
        format_spec *s = &formats[i];
        lxw_format *f = workbook_add_format(wb);
        if (s->font && *s->font) format_set_font_name(f, s->font);
        format_set_font_size(f, s->size);
        if (s->bold) format_set_bold(f);
        if (s->wrap) format_set_text_wrap(f);
        if (align(s->halign)) format_set_align(f, align(s->halign));
        if (valign(s->valign)) format_set_align(f, valign(s->valign));
        format_set_left(f, s->left); format_set_right(f, s->right);
        format_set_top(f, s->top); format_set_bottom(f, s->bottom);
        if (s->numfmt && *s->numfmt && strcmp(s->numfmt, "General")) format_set_num_format(f, s->numfmt);
        if (s->fill && *s->fill) {
            format_set_bg_color(f, (lxw_color_t)strtol(s->fill, NULL, 16));
            format_set_pattern(f, LXW_PATTERN_SOLID);
        }
        fmts[i] = f;
    }
    lxw_worksheet *ws = NULL;
    for (size_t i = 0; i < nrecords; i++) {
        record *r = &records[i];
        switch (r->kind) {
        case K_SHEET: ws = workbook_add_worksheet(wb, r->text); break;
        case K_COL: worksheet_set_column(ws, r->c1, r->c1, r->number, NULL); break;
        case K_ROW: worksheet_set_row(ws, r->r1, r->number, NULL); break;
        case K_NUM: worksheet_write_number(ws, r->r1, r->c1, r->number, fmts[r->fmt]); break;
        case K_STR: worksheet_write_string(ws, r->r1, r->c1, r->text, fmts[r->fmt]); break;
        case K_BLANK: worksheet_write_blank(ws, r->r1, r->c1, fmts[r->fmt]); break;
        case K_MERGE:
            worksheet_merge_range(ws, r->r1, r->c1, r->r2, r->c2, r->merge_kind == 's' ? r->text : "", fmts[r->fmt]);
            if (r->merge_kind == 'n') worksheet_write_number(ws, r->r1, r->c1, r->number, fmts[r->fmt]);
            break;
        }
    }
    lxw_error err = workbook_close(wb);
    if (err) { fprintf(stderr, "libxlsxwriter: %s\n", lxw_strerror(err)); exit(2); }
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s DUMP OUT.xlsx ITERATIONS\n", argv[0]); return 2; }
    load(argv[1]);
    int n = atoi(argv[3]);
    if (n < 1) n = 1;
    for (int i = 0; i < 3; i++) write_workbook(argv[2]);
    double *samples = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++) {
        double t = now_ms();
        write_workbook(argv[2]);
        samples[i] = now_ms() - t;
    }
    qsort(samples, n, sizeof(double), compare);
    double median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    printf("{\"tool\": \"libxlsxwriter\", \"mode\": \"export\", \"iterations\": %d, \"median_ms\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f}\n",
           n, median, samples[0], samples[n - 1]);
    return 0;
}
