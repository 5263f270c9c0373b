#!/usr/bin/env python3
"""Extracts the value keys a Helm chart knows, at one version, into <chart>-<version>.keys beside this script.

Usage: extract-keys.py <out-name> <source-label> <git-dir> <rev> <chart-dir> [<prefix>=<git-dir>:<rev>:<chart-dir> ...]

Keys are every path in the chart's values.yaml (nested maps descended, lists are leaves) plus every `.Values.a.b`
path its templates (and template strings inside values.yaml) read, also through `dig "a" "b" .Values.x` (keys a chart
documents only in a comment, like tempo's persistence.storageClassName). A path ending in ` {}` is a map the chart
passes through whole, so any key below it is valid: its default is an empty map (podAnnotations, extraArgs), the
templates render it with toYaml (securityContext, annotations) or range over it (grafana.ini), or values.schema.json
gives it additionalProperties.
Subcharts are read the same way under their alias.
Segments that contain dots are quoted, as in HelmValues paths: grafana."grafana.ini".analytics.
Only the key list is committed (the charts' sources are not).
"""
import json, re, subprocess, sys, yaml

def values_file(git, rev, chart):
    """values.yaml, or values.tmpl.yaml where a chart generates it at release (envoyproxy/gateway's gateway-helm)."""
    listed = subprocess.run(["git", "-C", git, "ls-tree", "--name-only", f"{rev}:{chart}"], capture_output=True, text=True, check=True).stdout.split()
    return f"{chart}/values.yaml" if "values.yaml" in listed else f"{chart}/values.tmpl.yaml"

def show(git, rev, path):
    return subprocess.run(["git", "-C", git, "show", f"{rev}:{path}"], capture_output=True, text=True, check=True).stdout

def seg(s):
    return f'"{s}"' if "." in s else s

def walk(node, prefix, out):
    if isinstance(node, dict):
        if not node and prefix:
            out.add(prefix + " {}")
            return
        for k, v in node.items():
            p = f"{prefix}.{seg(str(k))}" if prefix else seg(str(k))
            out.add(p)
            walk(v, p, out)

def chart_keys(git, rev, chart, prefix=""):
    out = set()
    walk(yaml.safe_load(show(git, rev, values_file(git, rev, chart))) or {}, "", out)
    files = subprocess.run(["git", "-C", git, "ls-tree", "-r", "--name-only", rev, f"{chart}/templates"],
                           capture_output=True, text=True, check=True).stdout.split()
    def add(path, open_map=False):
        parts = path.strip(".").split(".")
        for i in range(1, len(parts) + 1):
            out.add(".".join(parts[:i]))
        if open_map:
            out.add(".".join(parts) + " {}")
    texts = [show(git, rev, f) for f in files] + [show(git, rev, values_file(git, rev, chart))]
    path = r"\$?\.Values((?:\.[A-Za-z0-9_]+)+)"
    for text in texts:
        for m in re.finditer(path, text):
            add(m.group(1))
        for m in re.finditer(r"dig\s+((?:\"[^\"]*\"\s+)+)([^\s\"]+\s+)?" + path, text):
            quoted = re.findall(r'"([^"]*)"', m.group(1))
            keys = quoted if m.group(2) else quoted[:-1]
            if keys:
                add(m.group(3) + "." + ".".join(keys))
        # A map the templates range over takes any key (grafana's "grafana.ini": one INI section per key).
        for m in re.finditer(r"range\s+\$\w+\s*,\s*\$\w+\s*:=\s*(?:\(\s*)?(?:index\s+)?\$?\.Values((?:\.[A-Za-z0-9_]+)*)((?:\s+\"[^\"]+\")*)", text):
            keys = [k for k in m.group(1).strip(".").split(".") if k] + [seg(k) for k in re.findall(r'"([^"]+)"', m.group(2))]
            if keys:
                add(".".join(keys), True)
        for m in re.finditer(r"toYaml\s+\(?" + path, text):
            add(m.group(1), True)
        for m in re.finditer(path + r"\s*\|\s*toYaml", text):
            add(m.group(1), True)
        for m in re.finditer(r"with\s+" + path + r"\s*-?}}(.{0,200}?)\{\{-?\s*end", text, re.S):
            if re.search(r"toYaml\s+\.(\s|\||\))|\.\s*\|\s*toYaml", m.group(2)):
                add(m.group(1), True)
    try:
        schema = json.loads(show(git, rev, f"{chart}/values.schema.json"))
    except subprocess.CalledProcessError:
        schema = None
    def schema_walk(node, prefix):
        if not isinstance(node, dict):
            return
        if prefix and node.get("additionalProperties") not in (None, False) and not node.get("properties"):
            out.add(prefix + " {}")
        for k, v in (node.get("properties") or {}).items():
            schema_walk(v, f"{prefix}.{seg(k)}" if prefix else seg(k))
    if schema:
        schema_walk(schema, "")
    if prefix:
        out = {f"{seg(prefix)}.{k}" for k in out} | {seg(prefix)}
    return out

def main():
    name, label, git, rev, chart = sys.argv[1:6]
    keys = chart_keys(git, rev, chart)
    sources = [f"{label} {rev}:{chart}"]
    for sub in sys.argv[6:]:
        alias, rest = sub.split("=", 1)
        sgit, srev, schart = rest.split(":")
        keys |= chart_keys(sgit, srev, schart, alias)
        sources.append(f"subchart {alias}: {srev}:{schart}")
    # A key both listed as a value and read as an open map keeps only the open-map form's meaning once.
    with open(f"{name}.keys", "w") as f:
        f.write(f"# Value keys of {name}, extracted by extract-keys.py from values.yaml and templates' .Values paths.\n")
        for s in sources:
            f.write(f"# source: {s}\n")
        for k in sorted(keys):
            f.write(k + "\n")

main()
