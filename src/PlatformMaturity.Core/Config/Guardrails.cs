using PlatformMaturity.Model;

namespace PlatformMaturity.Config;

/// <summary>A "don't" of the seed that the config breaks, as a machine can check it.</summary>
public sealed record GuardrailFinding(string Id, string Message);

/// <summary>The seed's do/don't lines that a stack's config can be checked against (DESIGN.md §4).</summary>
public static class Guardrails
{
    public const string Level1InProduction = "level-1-in-production";

    public static IReadOnlyList<GuardrailFinding> Check(PlatformConfig config, MaturityModel model)
    {
        var findings = new List<GuardrailFinding>();
        if (config.Level == 1 && config.Environment == EnvironmentKind.Prod)
        {
            var launchpad = model.Level(1);
            findings.Add(new GuardrailFinding(Level1InProduction,
                $"Level 1 ({launchpad.Name}) is for non-production only; the maturity model says it is for \"{launchpad.ForWhom[0]}\" " +
                $"and to \"{launchpad.Description[1].Split(". ")[0]}.\" Use environment nonprod, or upgrade to Level 2 for first production workloads."));
        }
        return findings;
    }
}
