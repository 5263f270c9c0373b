using System.Collections.Immutable;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Planning;

/// <summary>
/// The plan steps of 4→5 that join the clusters to the fleet's Argo CD hub, in the order that never has two Argo CDs
/// applying one tenant app: the hub reaches every member first, then the members' own tenant ApplicationSets go (their
/// Applications carry no resources-finalizer, so the workloads stay), then the hub places the apps by labels.
/// </summary>
public static class FleetJoinSteps
{
    public static ImmutableArray<PlanStep> Add(PlatformGraph before, PlatformGraph after, ImmutableArray<PlanStep> steps)
    {
        if (MultiClusterPlatform.ComponentIdOf(before) is not null || MultiClusterPlatform.ComponentIdOf(after) is null
            || after.Config.Members.Length < 2 || after.Component(GitOps.GitOpsDelivery.ComponentId) is null)
            return steps;
        // After the phase 1 steps that create the identity and the registrations (pulumi up), before the phase 2 ones.
        return PlanSteps.InsertAfterPhase1(steps, Join(after));
    }

    private static IEnumerable<PlanStep> Join(PlatformGraph after)
    {
        var config = after.Config;
        var ns = GitOpsPlatformManagement.Namespace;
        var hub = config.Members[0];
        var members = config.Members.Skip(1).ToList();
        var context = hub.KubeContext is { } c ? $" --context {c}" : "";
        if (config.IsAzure)
            yield return Step($"Fleet join 1/4: the hub's Argo CD ({hub.Name}) signs in to every member as identity {FleetHub.IdentityName} (workload identity, role '{FleetHub.ClusterAdminRole}' on each cluster); pulumi up above created the identity, its federation and the member registrations",
                [$"az role assignment list --assignee <{FleetHub.IdentityName} principal id> --role \"{FleetHub.ClusterAdminRole}\" --all -o table (expect {config.Members.Length})",
                 $"kubectl{context} get sa {FleetHub.ControllerServiceAccount} -n {ns} -o jsonpath='{{.metadata.annotations.azure\\.workload\\.identity/client-id}}' (expect the identity's client id)"]);
        else
            yield return Step($"Fleet join 1/4: register the members with the hub's Argo CD ({hub.Name}) under their names and labels (argocd cluster add creates the member's argocd-manager service account): {string.Join("; ", members.Select(m => FleetHub.AddCommand(config, m)))}",
                ["argocd cluster list (expect every member)"]);
        yield return Step($"Fleet join 2/4: the hub reaches every member ({string.Join(", ", members.Select(m => m.Name))})",
            [$"kubectl{context} get secrets -n {ns} -l argocd.argoproj.io/secret-type=cluster --show-labels (expect {config.Members.Length} with {MultiClusterPlatform.RegionLabel}, {MultiClusterPlatform.EnvironmentLabel})",
             "argocd cluster list (expect STATUS Successful for every member after the first sync)"]);
        yield return Step($"Fleet join 3/4: push the tree of pmctl render {config.Stack} --gitops: the members' folders no longer hold the tenants' ApplicationSets ({string.Join(", ", config.Tenants.Where(t => !t.Repos.IsEmpty).Select(GitOpsApplicationManagement.AppsName))}); their Argo CDs prune them and the Applications they made, which carry no resources-finalizer, so the workloads stay",
            [.. members.Select(m => $"kubectl{(m.KubeContext is { } mc ? $" --context {mc}" : "")} get applicationsets -n {ns} -l {GitOpsApplicationManagement.TenantLabel} (expect none on {m.Name})"),
             "kubectl get pods -A on each member (expect the tenants' pods, not restarted)"]);
        yield return Step($"Fleet join 4/4: the hub places each tenant app on the members its labels select (<tenant>-<app>-<member>); general apps never land on a member with a capability ({string.Join(", ", config.Members.Where(m => !m.Capabilities.IsEmpty).Select(m => m.Name).DefaultIfEmpty("none"))})",
            [$"kubectl{context} get applications -n {ns} -l {GitOpsApplicationManagement.TenantLabel} -o custom-columns=NAME:.metadata.name,CLUSTER:.spec.destination.name,SYNC:.status.sync.status (expect Synced on the general members only)"]);
    }

    private static PlanStep Step(string title, ImmutableArray<string> verify) => new(0, 1, title, [], verify);
}
