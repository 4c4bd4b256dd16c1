#!/usr/bin/env python3
"""check_layers.py - fail the build when the layering of docs/development.md is broken.

Run by src/meson.build on every build, before the program links. It checks three things:

1. includes: a source file includes only headers of its own layer or of a layer it may use
   (the RULES table), and only the system libraries its layer may use (sqlite3.h, ...);
2. calls: reading `nm` of each layer's static library, every function a layer calls that
   another layer defines belongs to a layer it may use, and no layer calls a library it may
   not (a writer calling sqlite3_* fails here even if the header came in by another path);
3. cycles: no two source files call each other, directly or round a longer loop; a file's
   helpers live below it.

Usage: check_layers.py --root SRC_ROOT --stamp OUT --nm NM LIB.a...
"""
import argparse
import os
import re
import subprocess
import sys

# Each layer: the folder its files live in, the layers it may use, the external libraries
# (by header and by symbol prefix) it may use. A layer may always use itself.
LAYERS = {
    "base": ("src/base", [], []),
    "contract": ("src/contract", ["base"], ["inih"]),
    "contract_db": ("src/contract", ["contract", "base"], ["sqlite", "pthread"]),
    "engine": ("src/engine", ["contract_db", "contract", "base"], ["sqlite", "pthread"]),
    "import": ("src/import", ["contract_db", "contract", "base"], ["sqlite", "libcsv", "pthread"]),
    "demo": ("src/demo", ["contract_db", "contract", "base"], ["sqlite", "pthread"]),
    "report_common": ("src/report/common", ["contract", "base"], []),
    "report_text": ("src/report/text", ["report_common", "contract", "base"],
                    ["jansson", "libcsv"]),
    "report_xlsx": ("src/report/xlsx", ["report_common", "contract", "base"], ["xlsxwriter"]),
    "report_charts": ("src/report/charts", ["report_common", "contract", "base"], []),
    "report_dashboard": ("src/report/dashboard", ["report_common", "contract", "base"], []),
    # The one caller of every writer (workbook, charts, dashboard together in one folder).
    "report_folder": ("src/report/folder", ["report_xlsx", "report_charts", "report_dashboard",
                                            "report_common", "contract", "base"], []),
    "app": ("src/app", ["report_folder", "report_text", "report_xlsx", "report_charts",
                        "report_dashboard", "report_common", "engine", "import", "demo",
                        "contract_db", "contract", "base"], ["sqlite"]),
}

# Files of src/contract that need SQLite form their own library.
CONTRACT_DB_FILES = {"db.c", "db_counts.c", "db_step.c", "db_wal.c", "db_wal.h", "embedded_sql.c"}

# Headers of include/collectkpi/ and the layer that defines what they declare.
HEADER_LAYER = {
    "error.h": "base", "datetime.h": "base", "period.h": "base", "utf8.h": "base",
    "money.h": "base", "stats.h": "base", "idmap.h": "base", "vec.h": "base", "spill.h": "base",
    "atomic_file.h": "base", "staging.h": "base", "interrupt.h": "base", "number.h": "base",
    "codes.h": "contract", "settings.h": "contract", "compliance.h": "contract", "kpi.h": "contract", "schema.h": "contract",
    "score.h": "contract",
    "db.h": "contract_db",
    "engine.h": "engine", "explain_engine.h": "engine",
    "witness.h": "contract", "explain.h": "contract",
    "rules.h": "import", "csv_import.h": "import", "csv_reader.h": "import",
    "rejects.h": "import",
    "demo.h": "demo",
    "labels.h": "report_common", "report.h": "report_common", "format.h": "report_common",
    "report_charts.h": "report_common", "report_staging.h": "report_common",
    "report_folder.h": "report_folder",
    "out_text.h": "report_text", "out_score.h": "report_text", "out_compliance.h": "report_text",
    "out_explain.h": "report_text", "snapshot.h": "report_text",
    "xlsx.h": "report_xlsx",
    "charts.h": "report_charts",
    "dashboard.h": "report_dashboard",
}

# External libraries: their headers and the prefixes of the functions they export.
EXTERNAL = {
    "sqlite": (["sqlite3.h"], ["sqlite3_"]),
    "inih": (["ini.h"], ["ini_parse"]),
    "pthread": (["pthread.h"], ["pthread_"]),
    "libcsv": (["csv.h"], ["csv_init", "csv_parse", "csv_fini", "csv_free", "csv_write",
                           "csv_fwrite", "csv_set_", "csv_get_", "csv_error", "csv_strerror"]),
    "jansson": (["jansson.h"], ["json_"]),
    "xlsxwriter": (["xlsxwriter.h"], ["workbook_", "worksheet_", "chart_", "format_", "lxw_",
                                      "chartsheet_"]),
}


# Substrings of errors to print as warnings instead of failing the build, for a layering
# error whose fix is under way. Each entry should name one error exactly, so that a new error
# of the same kind still fails; keep it empty.
KNOWN_PENDING = []


def layer_of_file(root, path):
    rel = os.path.relpath(path, root)
    if rel.startswith("src/contract/") and os.path.basename(rel) in CONTRACT_DB_FILES:
        return "contract_db"
    best = None
    for name, (folder, _, _) in LAYERS.items():
        if name == "contract_db":
            continue
        if rel.startswith(folder + "/") and (best is None or len(folder) > len(LAYERS[best][0])):
            best = name
    return best


def allowed(layer):
    return set(LAYERS[layer][1]) | {layer}


def check_includes(root, errors):
    pattern = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
    for folder, _, files in os.walk(os.path.join(root, "src")):
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            layer = layer_of_file(root, path)
            if layer is None:
                errors.append(f"{os.path.relpath(path, root)}: not in any layer's folder")
                continue
            ok_layers = allowed(layer)
            ok_external = set(LAYERS[layer][2])
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = pattern.match(line)
                    if not m:
                        continue
                    header = m.group(2)
                    where = f"{os.path.relpath(path, root)}:{number}"
                    if header.startswith("collectkpi/"):
                        owner = HEADER_LAYER.get(header[len("collectkpi/"):])
                        if owner is None:
                            errors.append(f"{where}: {header} is not in tools/check_layers.py's "
                                          "header table")
                        elif owner not in ok_layers:
                            errors.append(f"{where}: layer {layer} may not include {header} "
                                          f"(layer {owner})")
                        continue
                    for lib, (headers, _) in EXTERNAL.items():
                        if header in headers and lib not in ok_external:
                            errors.append(f"{where}: layer {layer} may not use {lib} ({header})")


def nm_members(nm, lib):
    """{member: (defined set, undefined set)} of a static library."""
    out = subprocess.run([nm, "-A", "--format=posix", lib], capture_output=True, text=True,
                         check=True).stdout
    members = {}
    for line in out.splitlines():
        # "lib.a[member.o]: symbol T value size"
        m = re.match(r"^(.*?)\[(.*?)\]: (\S+) (\S)", line)
        if not m:
            continue
        member, symbol, kind = m.group(2), m.group(3), m.group(4)
        defined, undefined = members.setdefault(member, (set(), set()))
        if kind == "U":
            undefined.add(symbol)
        elif kind in "TDBRCGSV":
            defined.add(symbol)
    return members


def member_source(member):
    # meson names an object after its source path, folders joined by "_":
    # "report_charts_charts_period.c.o"; the C file's name is what a reader wants.
    name = os.path.basename(member)
    return name[:-2] if name.endswith(".o") else name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--stamp", required=True)
    ap.add_argument("--nm", required=True)
    ap.add_argument("libs", nargs="+")
    args = ap.parse_args()
    errors = []
    check_includes(args.root, errors)

    lib_layer = {
        "ck_base": "base", "ck_contract": "contract", "ck_contract_db": "contract_db",
        "ck_engine": "engine", "ck_import": "import", "ck_demo": "demo",
        "ck_report_common": "report_common", "ck_report_text": "report_text",
        "ck_report_xlsx": "report_xlsx", "ck_report_charts": "report_charts",
        "ck_report_dashboard": "report_dashboard", "ck_report_folder": "report_folder",
        "ck_app": "app",
    }
    definer = {}  # symbol -> (layer, object)
    objects = []  # (layer, object, undefined)
    for lib in args.libs:
        stem = os.path.basename(lib)
        stem = stem[3:] if stem.startswith("lib") else stem
        stem = stem[:-2] if stem.endswith(".a") else stem
        layer = lib_layer.get(stem)
        if layer is None:
            errors.append(f"{lib}: unknown library; add it to tools/check_layers.py")
            continue
        for member, (defined, undefined) in nm_members(args.nm, lib).items():
            folder = LAYERS[layer][0]
            name = member_source(member)
            prefix = folder[len("src/"):].replace("/", "_") + "_"
            obj = f"{folder}/{name[len(prefix):] if name.startswith(prefix) else name}"
            for symbol in defined:
                definer[symbol] = (layer, obj)
            objects.append((layer, obj, undefined))

    graph = {}
    for layer, obj, undefined in objects:
        graph.setdefault(obj, set())
        for symbol in sorted(undefined):
            if symbol in definer:
                owner, owner_obj = definer[symbol]
                if owner not in allowed(layer):
                    errors.append(f"{obj}: layer {layer} calls {symbol} of layer {owner}")
                if owner_obj != obj:
                    graph[obj].add(owner_obj)
                continue
            for lib, (_, prefixes) in EXTERNAL.items():
                if lib in LAYERS[layer][2]:
                    continue
                if any(symbol.startswith(p) for p in prefixes):
                    errors.append(f"{obj}: layer {layer} calls {symbol} of {lib}")

    # Call cycles between files: Tarjan's strongly connected components.
    index, low, on_stack, stack, counter = {}, {}, set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                errors.append("call cycle between files: " + " <-> ".join(sorted(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)

    # The errors KNOWN_PENDING names print as warnings; every other one fails the build.
    pending = [e for e in errors if any(k in e for k in KNOWN_PENDING)]
    errors = [e for e in errors if e not in pending]
    for e in pending:
        print(f"check_layers: warning (pending): {e}", file=sys.stderr)
    if errors:
        for e in errors:
            print(f"check_layers: {e}", file=sys.stderr)
        print(f"check_layers: {len(errors)} layering error(s); see docs/development.md",
              file=sys.stderr)
        return 1
    with open(args.stamp, "w") as f:
        f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
