using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;

namespace PlatformMaturity.Practices.Security;

/// <summary>How far a namespace's Pod Security is taken: only reported (warn and audit), or enforced.</summary>
public enum PodSecurityStage
{
    /// <summary>Pods breaking the restricted standard are admitted, with a warning and an audit annotation.</summary>
    WarnAndAudit,

    /// <summary>Pods breaking the restricted standard are refused.</summary>
    Enforce,
}

/// <summary>
/// Levels 3–5 (supersedes Unrestricted Container Runtime): tenant pods must meet the restricted Pod Security Standard;
/// platform namespaces enforce the least level their charts need (see <see cref="PodSecurity.PlatformNamespaceLevels"/>).
/// </summary>
public sealed class RestrictedContainerRuntime : PracticeComponent
{
    public override string Practice => WellKnown.RestrictedContainerRuntime;

    public override Implementation Implementation => Implementation.OnBothTargets(
        "Tenant namespaces enforce the restricted Pod Security Standard (with warn and audit); platform namespaces enforce the least level their charts need, documented per chart");

    /// <summary>
    /// The stage tenant namespaces are at: warn and audit while the stack stages this enforcement (the first phase
    /// of an upgrade to Level 3), enforce once pmctl upgrade --promote has cleared it.
    /// </summary>
    public static PodSecurityStage TenantStage(PlatformConfig config) =>
        config.IsStaged(Enforcements.PodSecurityRestricted) ? PodSecurityStage.WarnAndAudit : PodSecurityStage.Enforce;

    public override void Build(ComponentBuilder component)
    {
        var stage = TenantStage(component.Config);
        foreach (var tenant in component.Config.Tenants)
        {
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant.Name), ns =>
                PodSecurity.Apply(ns.Metadata.Labels,
                    enforce: stage == PodSecurityStage.Enforce ? PodSecurityLevel.Restricted : null,
                    auditAndWarn: PodSecurityLevel.Restricted));
        }

        component.Note(stage == PodSecurityStage.Enforce
            ? "Tenant pods must run as non-root, drop all capabilities, disallow privilege escalation and use the RuntimeDefault seccomp profile; others are refused at admission."
            : $"Staged ({Enforcements.PodSecurityRestricted} in platform:staged): tenant pods breaking the restricted standard are still admitted, with a warning and an audit entry; fix them, then enforce with pmctl upgrade {component.Config.Stack} --promote.");
        component.Note("Check a manifest before applying it: kubectl apply --dry-run=server -f <file> -n <tenant> prints the Pod Security violations.");
        foreach (var (ns, podSecurity) in PodSecurity.PlatformNamespaceLevels)
            component.Note($"Platform namespace {ns}: {PodSecurity.Name(podSecurity.Level)} ({podSecurity.Reason}).");
        component.Note("kube-system keeps the cluster's defaults: it belongs to the Kubernetes distribution.");
    }
}
