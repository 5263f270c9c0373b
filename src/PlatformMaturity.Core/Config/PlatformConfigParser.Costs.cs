using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>Validation of Level 5's per-tenant budgets (Advanced Costs Management).</summary>
public static partial class PlatformConfigParser
{
    private static PlatformConfig ReadTenantBudgets(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.TenantBudgets;
        if (!raw.Has(key) || raw[key] is null || RefusedBelowItsLevel(key, config, Practices.Efficiency.AdvancedCostsManagement.PracticeName, problem))
            return config;
        if (raw[key] is not JsonObject budgets)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{<tenant>: <monthly amount>}}, e.g. {{team-a: 500}}");
            return config;
        }
        var tenants = config.Tenants.IsDefault ? [] : config.Tenants.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var read = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (tenant, value) in budgets)
        {
            if (!tenants.Contains(tenant))
                problem(key, $"'{tenant}' is not a tenant of {ConfigKeys.Tenants.FullName}");
            // Stack files give scalars as text; the YAML and JSON forms of a number both read here.
            else if (double.TryParse(Scalar(value), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 1e9)
                read[tenant] = amount;
            else
                problem(key, $"{tenant}: '{Shown(value)}' is not allowed; expected a positive number (the tenant's monthly budget in the billing currency)");
        }
        return config with { TenantBudgets = read.ToImmutable() };
    }

    private static PlatformConfig ReadWorkingHours(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.WorkingHours;
        if (!raw.Has(key) || raw[key] is null || RefusedBelowItsLevel(key, config, Practices.Efficiency.AdvancedCostsManagement.PracticeName, problem))
            return config;
        if (raw[key] is not JsonObject hours)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{start, end, timeZone}}");
            return config;
        }
        foreach (var unknown in hours.Select(p => p.Key).Where(k => k is not ("start" or "end" or "timeZone")))
            problem(key, $"'{unknown}' is not a working-hours field; allowed: start, end, timeZone");
        var defaults = WorkingHours.Default;
        // KEDA's cron scaler parses with robfig/cron's standard parser, as Kubernetes CronJobs do.
        string? Cron(string field, string fallback)
        {
            if (hours[field] is null)
                return fallback;
            if (Scalar(hours[field]) is { } cron && Schedules.KubernetesCron.Problem(cron) is null)
                return cron;
            problem(key, $"{field} '{Shown(hours[field])}' is not allowed: {(Scalar(hours[field]) is { } text ? Schedules.KubernetesCron.Problem(text) : Schedules.KubernetesCron.Expected)}");
            return null;
        }
        var start = Cron("start", defaults.Start);
        var end = Cron("end", defaults.End);
        var zone = hours["timeZone"] is null ? defaults.TimeZone : Scalar(hours["timeZone"]);
        if (zone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) || !zone.Contains('/', StringComparison.Ordinal) && zone != "UTC")
        {
            problem(key, $"timeZone '{Shown(hours["timeZone"])}' is not allowed; expected an IANA time zone such as Europe/Paris or Etc/UTC");
            zone = null;
        }
        return start is null || end is null || zone is null ? config : config with { WorkingHours = new WorkingHours(start, end, zone) };
    }
}
