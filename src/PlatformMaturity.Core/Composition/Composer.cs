using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;

namespace PlatformMaturity.Composition;

/// <summary>Turns a stack's config into its platform graph: the foundation, then one component per practice in effect.</summary>
public sealed class Composer(MaturityModel model, PracticeCatalog catalog)
{
    public static Composer Default { get; } = new(MaturityModel.Default, PracticeCatalog.Default);

    public MaturityModel Model => model;

    public PracticeCatalog Catalog => catalog;

    /// <summary>
    /// The practices in effect at a level as this version builds them: the model's, plus, for a successor the tool
    /// does not implement yet, the implemented practice it supersedes, kept in its place. A stack never loses what a
    /// lower level gave it because the better version is not written yet.
    /// </summary>
    public ImmutableArray<PracticeInEffect> InEffectAt(int level)
    {
        var inEffect = model.InEffectAt(level);
        var names = inEffect.Select(p => p.Practice.Name).ToHashSet(StringComparer.Ordinal);
        var standIns = new Dictionary<Practice, string>();
        foreach (var missing in inEffect.Where(p => !catalog.TryGet(p.Practice.Name, out _)).Select(p => p.Practice))
        {
            foreach (var keeper in ImplementedPredecessors(missing, level).Where(p => !names.Contains(p.Name)))
                standIns.TryAdd(keeper, missing.Name);
        }
        return [.. model.Practices
            .Select(p => inEffect.FirstOrDefault(e => e.Practice == p)
                ?? (standIns.TryGetValue(p, out var successor) ? new PracticeInEffect(p, Carried: true, StandInFor: successor) : null))
            .OfType<PracticeInEffect>()];
    }

    /// <summary>The nearest implemented practices a lower level had, whose successor chain leads to <paramref name="practice"/>.</summary>
    private IEnumerable<Practice> ImplementedPredecessors(Practice practice, int level)
    {
        foreach (var predecessor in model.Practices.Where(p => p.Successor == practice.Name && p.FirstLevel < level))
        {
            if (catalog.TryGet(predecessor.Name, out _))
                yield return predecessor;
            else
                foreach (var earlier in ImplementedPredecessors(predecessor, level))
                    yield return earlier;
        }
    }

    public PlatformGraph Compose(PlatformConfig config)
    {
        var inEffect = InEffectAt(config.Level);
        var implemented = inEffect
            .Where(p => catalog.TryGet(p.Practice.Name, out var c) && c.NotApplicableReason(config) is null)
            .Select(p => p.Practice.Name)
            .ToHashSet(StringComparer.Ordinal);
        var builder = new GraphBuilder(config, ClusterMembers.Refs(config), inEffect.Select(p => p.Practice.Name).ToHashSet(StringComparer.Ordinal), implemented);
        Foundation.Build(builder.StartComponent(
            GraphComponent.FoundationId, Foundation.TypeToken, Provenance.FoundationSource, Provenance.Foundation));

        var statuses = ImmutableArray.CreateBuilder<PracticeStatus>();
        foreach (var practice in inEffect)
        {
            var status = ComposePractice(builder, practice, config);
            var keepers = inEffect.Where(p => p.StandInFor == practice.Practice.Name).Select(p => p.Practice.Name).ToList();
            statuses.Add(keepers.Count == 0 ? status : status with { Detail = $"{status.Detail}; {string.Join(" and ", keepers)} stays in its place" });
        }
        builder.RunAfterPractices();
        ClusterMembers.Build(builder);
        GitOps.GitOpsBridge.Annotate(builder);
        var graph = builder.Build(statuses.ToImmutable());
        // The SLA's availability is the composed topology's (every member's cluster in the graph), so it is written last.
        var sla = model.Practice(Practices.Availability.PlatformSla.PracticeName);
        return Practices.Availability.PlatformSla.Publish(graph, model, sla.Slug);
    }

    /// <summary>The Pulumi type token of a practice's component: platform:&lt;category&gt;:&lt;PracticeName&gt;.</summary>
    public static string TypeToken(Practice practice) =>
        $"platform:{practice.PrimaryCategory.ToString().ToLowerInvariant()}:{practice.TypeName}";

    /// <summary>Practices whose successor chain leads to <paramref name="practice"/>.</summary>
    private ImmutableArray<ComponentIdentity> Predecessors(Practice practice) =>
        [.. model.Practices
            .Where(p => p != practice && SuccessorChain(p).Contains(practice.Name))
            .Select(p => new ComponentIdentity(p.Slug, TypeToken(p)))];

    private IEnumerable<string> SuccessorChain(Practice practice)
    {
        for (var next = practice.Successor; next is not null; next = model.Practice(next).Successor)
            yield return next;
    }

    /// <summary>What the catalog says of a practice on a target, before anything is built.</summary>
    public PracticeStatus StatusOf(Practice practice, bool carried, DeploymentTarget target)
    {
        PracticeStatus Status(PracticeState state, string detail) => new(practice.Name, practice.Categories, carried, state, detail, null);
        if (!catalog.TryGet(practice.Name, out var component))
            return Status(PracticeState.NotImplementedYet, "not implemented yet: this version of the tool creates nothing for it");
        return component.NotApplicableReason(target) is { } reason
            ? Status(PracticeState.NotApplicable, reason)
            : Status(PracticeState.Implemented, component.Implementation.For(target));
    }

    private PracticeStatus ComposePractice(GraphBuilder builder, PracticeInEffect inEffect, PlatformConfig config)
    {
        var practice = inEffect.Practice;
        var status = StatusOf(practice, inEffect.Carried, config.Target);
        // What the stack's config says of the cluster can make a practice not applicable where its target alone does not.
        if (status.State == PracticeState.Implemented && catalog.TryGet(practice.Name, out var applicable)
            && applicable.NotApplicableReason(config) is { } reason)
            status = status with { State = PracticeState.NotApplicable, Detail = reason };
        if (inEffect.StandInFor is { } successor)
            status = status with { Detail = $"kept in place of {successor}, which is not implemented yet: {status.Detail}" };
        if (status.State != PracticeState.Implemented)
            return status;
        var provenance = new Provenance(practice.Name, practice.FirstLevel);
        catalog.TryGet(practice.Name, out var component);
        component.Build(builder.StartComponent(practice.Slug, TypeToken(practice), practice.Name, provenance, Predecessors(practice)));
        return status with { ComponentId = practice.Slug };
    }
}
