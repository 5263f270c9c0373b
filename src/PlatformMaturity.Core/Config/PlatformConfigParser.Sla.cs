using System.Globalization;
using System.Text.Json.Nodes;
using PlatformMaturity.Model;

namespace PlatformMaturity.Config;

/// <summary>Validation of platform:sla (Platform SLA, Level 5): who answers for the SLA and the availability it announces.</summary>
public static partial class PlatformConfigParser
{
    /// <summary>The practice that announces the platform's SLA (its exact seed name).</summary>
    public const string PlatformSlaPractice = "Platform SLA";

    private static PlatformConfig ReadSla(RawConfig raw, PlatformConfig config, MaturityModel model, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Sla;
        if (!raw.Has(key) || raw[key] is null)
            return config;
        var allowedFrom = model.Levels.Where(l => l.Practices.Any(p => p.Name == PlatformSlaPractice)).Select(l => l.Number).DefaultIfEmpty(int.MaxValue).Min();
        if (config.Level < allowedFrom)
        {
            // The seed's Level 5 "Do": prepare and announce the platform's SLA; below it the platform states objectives only.
            var announce = model.Levels.SelectMany(l => l.Do).FirstOrDefault(d => d.Contains("SLA", StringComparison.Ordinal));
            problem(key, $"asks for an SLA at Level {config.Level}, but the maturity model lists \"{PlatformSlaPractice}\" only from Level {allowedFrom}" +
                (announce is null ? "" : $" (\"{announce}\")") +
                $"; below it the platform publishes objectives (Error Budget Management), not an SLA. Remove {key.FullName}, or upgrade to Level {allowedFrom}.");
            return config;
        }
        if (raw[key] is not JsonObject sla)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{owner, availability}}");
            return config;
        }
        foreach (var unknown in sla.Select(p => p.Key).Where(k => k is not ("owner" or "availability")))
            problem(key, $"'{unknown}' is not an SLA field; allowed: owner, availability");
        var owner = Scalar(sla["owner"]);
        if (owner is null || !EmailPattern().IsMatch(owner))
            problem(key, $"owner '{Shown(sla["owner"])}' is not allowed; expected the e-mail address of the team that answers for the SLA");
        double? availability = null;
        if (sla["availability"] is { } given)
        {
            if (double.TryParse(Scalar(given), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 90 and < 100)
                availability = percent / 100;
            else
                problem(key, $"availability '{Shown(given)}' is not allowed; expected the monthly availability the SLA announces in percent, e.g. 99.95 (at most what the topology computes)");
        }
        return owner is null ? config : config with { Sla = new SlaConfig(owner, availability) };
    }
}
