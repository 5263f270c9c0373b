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

    public PlatformGraph Compose(PlatformConfig config)
    {
        var inEffect = model.InEffectAt(config.Level);
        var implemented = inEffect
            .Where(p => catalog.TryGet(p.Practice.Name, out var c) && c.NotApplicableReason(config.Target) is null)
            .Select(p => p.Practice.Name)
            .ToHashSet(StringComparer.Ordinal);
        var builder = new GraphBuilder(config, [Foundation.PrimaryCluster(config)], inEffect.Select(p => p.Practice.Name).ToHashSet(StringComparer.Ordinal), implemented);
        Foundation.Build(builder.StartComponent(
            GraphComponent.FoundationId, Foundation.TypeToken, Provenance.FoundationSource, Provenance.Foundation));

        var statuses = ImmutableArray.CreateBuilder<PracticeStatus>();
        foreach (var (practice, carried) in inEffect)
        {
            statuses.Add(ComposePractice(builder, practice, carried, config.Target));
        }
        return builder.Build(statuses.ToImmutable());
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

    private PracticeStatus ComposePractice(GraphBuilder builder, Practice practice, bool carried, DeploymentTarget target)
    {
        var status = StatusOf(practice, carried, target);
        if (status.State != PracticeState.Implemented)
            return status;
        var provenance = new Provenance(practice.Name, practice.FirstLevel);
        catalog.TryGet(practice.Name, out var component);
        component.Build(builder.StartComponent(practice.Slug, TypeToken(practice), practice.Name, provenance, Predecessors(practice)));
        return status with { ComponentId = practice.Slug };
    }
}
