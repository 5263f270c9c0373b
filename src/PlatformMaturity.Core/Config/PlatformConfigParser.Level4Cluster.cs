using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Model;

namespace PlatformMaturity.Config;

/// <summary>Validation of the keys Level 4's per-cluster practices bring: the existing cluster's CSI driver, chaos experiments, the cost budget.</summary>
public static partial class PlatformConfigParser
{
    /// <summary>The practice that allows chaos in production, and the one Level 4 lists instead (their exact seed names).</summary>
    public const string ChaosInProductionPractice = "Chaos Engineering in Production";
    public const string ChaosNonProdPractice = "Chaos Engineering (non-prod)";

    private static PlatformConfig ReadLevel4ClusterKeys(RawConfig raw, PlatformConfig config, MaturityModel model, Action<ConfigKey, string> problem)
    {
        if (config.Target == DeploymentTarget.Existing)
            config = config with
            {
                StorageProvisioner = ReadMatching(raw, ConfigKeys.StorageProvisioner, CsiDriverPattern(),
                    "a CSI driver name (a DNS subdomain) such as ebs.csi.aws.com", problem) ?? config.StorageProvisioner,
            };
        config = config with { ChaosRequested = ReadBoolean(raw, ConfigKeys.Chaos, problem) };
        if (config.ChaosRequested == true && config.Environment == EnvironmentKind.Prod)
            RefuseProductionChaos(config, model, problem);
        if (config.IsAzure)
            config = config with { Budget = ReadBudget(raw, problem) };
        return config;
    }

    /// <summary>
    /// The seed lists chaos experiments in production only at Level 5; Level 4 lists "Chaos Engineering (non-prod)"
    /// and its don't asks to keep experiments in safe environments. A prod stack below Level 5 asking for chaos is refused.
    /// </summary>
    private static void RefuseProductionChaos(PlatformConfig config, MaturityModel model, Action<ConfigKey, string> problem)
    {
        var allowedFrom = model.Levels.Where(l => l.Practices.Any(p => p.Name == ChaosInProductionPractice)).Select(l => l.Number).DefaultIfEmpty(int.MaxValue).Min();
        if (config.Level >= allowedFrom)
            return;
        var level = model.Level(Math.Max(config.Level, 1));
        var safe = level.Dont.FirstOrDefault(d => d.Contains("safe environments", StringComparison.Ordinal));
        problem(ConfigKeys.Chaos,
            $"is true in a prod stack at Level {config.Level}: the maturity model lists \"{ChaosNonProdPractice}\" at Level 4 and \"{ChaosInProductionPractice}\" only from Level {allowedFrom}" +
            (safe is null ? "" : $"; Level {level.Number} says don't \"{safe}\"") +
            $". Run chaos experiments in a nonprod stack (unset {ConfigKeys.Chaos.FullName} or set it to false here), or upgrade to Level {allowedFrom}.");
    }

    /// <summary>A boolean key; unset (or null) is the key's default, null when it has none.</summary>
    private static bool? ReadBoolean(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem)
    {
        if (!raw.Has(key) || raw[key] is null)
            return key.Default?.GetValue<bool>();
        switch (Scalar(raw[key]))
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problem(key, $"'{Shown(raw[key])}' is not allowed; expected true or false");
                return null;
        }
    }

    private static BudgetConfig? ReadBudget(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Budget;
        if (!raw.Has(key) || raw[key] is null)
            return null;
        if (raw[key] is not JsonObject budget)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{amount, contactEmails, startMonth}}");
            return null;
        }
        foreach (var unknown in budget.Select(p => p.Key).Where(k => k is not ("amount" or "contactEmails" or "startMonth")))
            problem(key, $"'{unknown}' is not a budget field; allowed: amount, contactEmails, startMonth");
        double? amount = budget["amount"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is > 0 and <= 1e9 and var a ? a : null;
        if (amount is null)
            problem(key, $"amount '{Shown(budget["amount"])}' is not allowed; expected a positive number (the monthly budget in the billing currency)");
        var emails = new List<string>();
        if (budget["contactEmails"] is JsonArray list && list.Count > 0)
        {
            foreach (var item in list)
            {
                if (Scalar(item) is { } mail && EmailPattern().IsMatch(mail))
                    emails.Add(mail);
                else
                    problem(key, $"contactEmails item '{Shown(item)}' is not an e-mail address");
            }
        }
        else
        {
            problem(key, "contactEmails is required: a list of at least one e-mail address the budget alerts go to");
        }
        var month = Scalar(budget["startMonth"]);
        if (month is null || !DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            problem(key, $"startMonth '{Shown(budget["startMonth"])}' is not allowed; expected the first month the budget covers as yyyy-MM, e.g. 2027-01 (Azure budgets start on the first of a month)");
        return amount is { } amt && month is not null && emails.Count > 0 ? new BudgetConfig(amt, [.. emails], month) : null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$")]
    private static partial Regex CsiDriverPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
