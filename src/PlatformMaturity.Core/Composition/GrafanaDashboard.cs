using System.Text.Json.Nodes;

namespace PlatformMaturity.Composition;

/// <summary>
/// Builds Grafana dashboard JSON (schemaVersion 39) from panels laid out two per row, so practices describe
/// what to show rather than grid coordinates. Panels query the kube-prometheus-stack datasource unless told.
/// </summary>
public sealed class GrafanaDashboard(string uid, string title, params string[] tags)
{
    private const int Width = 12;
    private const int Height = 8;
    private readonly List<JsonObject> _panels = [];

    /// <summary>uid of the Prometheus datasource kube-prometheus-stack provisions.</summary>
    public const string PrometheusDatasource = "prometheus";

    /// <summary>A time series panel, one line per query.</summary>
    public GrafanaDashboard TimeSeries(string title, string unit, params (string Expr, string Legend)[] queries) =>
        Panel("timeseries", title, unit, PrometheusDatasource, queries.Select(q => Query(q.Expr, q.Legend, instant: false)));

    /// <summary>A single-number panel.</summary>
    public GrafanaDashboard Stat(string title, string unit, string expr) =>
        Panel("stat", title, unit, PrometheusDatasource, [Query(expr, "", instant: true)]);

    /// <summary>A table of an instant query's series, optionally reshaped with Grafana transformations.</summary>
    public GrafanaDashboard Table(string title, string expr, params JsonObject[] transformations)
    {
        Panel("table", title, "", PrometheusDatasource, [Query(expr, "", instant: true, table: true)]);
        _panels[^1]["transformations"] = new JsonArray([.. transformations]);
        return this;
    }

    /// <summary>A logs panel over a Loki datasource.</summary>
    public GrafanaDashboard Logs(string title, string datasourceUid, string expr) =>
        Panel("logs", title, "", datasourceUid, [new JsonObject { ["refId"] = "A", ["expr"] = expr, ["datasource"] = Datasource(datasourceUid) }], width: 24);

    public JsonObject Build() => new()
    {
        ["uid"] = uid,
        ["title"] = title,
        ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
        ["timezone"] = "utc",
        ["schemaVersion"] = 39,
        ["version"] = 1,
        ["editable"] = false,
        ["refresh"] = "1m",
        ["time"] = new JsonObject { ["from"] = "now-7d", ["to"] = "now" },
        ["panels"] = new JsonArray([.. _panels.Select(p => p.DeepClone())]),
    };

    private GrafanaDashboard Panel(string type, string panelTitle, string unit, string datasourceUid, IEnumerable<JsonObject> targets, int width = Width)
    {
        var index = _panels.Count;
        var x = width == Width ? index % 2 * Width : 0;
        var y = _panels.Count == 0 ? 0 : _panels[^1]["gridPos"]!["y"]!.GetValue<int>() + (x == 0 ? Height : 0);
        var panel = new JsonObject
        {
            ["id"] = index + 1,
            ["type"] = type,
            ["title"] = panelTitle,
            ["datasource"] = Datasource(datasourceUid),
            ["gridPos"] = new JsonObject { ["h"] = Height, ["w"] = width, ["x"] = x, ["y"] = y },
            ["targets"] = new JsonArray([.. targets.Select((t, i) => { t["refId"] = ((char)('A' + i)).ToString(); return t; })]),
        };
        if (unit.Length > 0)
            panel["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = unit }, ["overrides"] = new JsonArray() };
        _panels.Add(panel);
        return this;
    }

    private static JsonObject Query(string expr, string legend, bool instant, bool table = false)
    {
        var query = new JsonObject { ["expr"] = expr, ["datasource"] = Datasource(PrometheusDatasource) };
        if (legend.Length > 0)
            query["legendFormat"] = legend;
        if (instant)
            query["instant"] = true;
        if (table)
            query["format"] = "table";
        return query;
    }

    private static JsonObject Datasource(string datasourceUid) => new()
    {
        ["type"] = datasourceUid == PrometheusDatasource ? "prometheus" : "loki",
        ["uid"] = datasourceUid,
    };
}
