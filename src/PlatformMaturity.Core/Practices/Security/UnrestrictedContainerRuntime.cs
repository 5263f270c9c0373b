using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>Levels 1–2: no admission restrictions, but tenants see Pod Security warnings for what Level 3 will refuse.</summary>
public sealed class UnrestrictedContainerRuntime : PracticeComponent
{
    public const string WarnLabel = "pod-security.kubernetes.io/warn";
    public const string WarnVersionLabel = "pod-security.kubernetes.io/warn-version";

    public override string Practice => "Unrestricted Container Runtime";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"No admission restrictions; tenant namespaces labelled {WarnLabel}: baseline so teams see warnings for pods a stricter level will refuse");

    public override void Build(ComponentBuilder component)
    {
        foreach (var tenant in component.Config.Tenants)
        {
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant.Name), ns =>
            {
                ns.Metadata.Labels[WarnLabel] = "baseline";
                ns.Metadata.Labels[WarnVersionLabel] = Pins.PodSecurityVersion;
            });
        }
        component.Note("Pods are admitted as they are (privileged included); kubectl prints a warning for each pod that breaks the baseline Pod Security Standard.");
    }
}
