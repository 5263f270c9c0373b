using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.GitOps;

/// <summary>
/// The plan steps that move the platform's Kubernetes objects between Pulumi and Argo CD without downtime: 3→4 hands
/// them over (Argo CD adopts the live objects, Pulumi then forgets them retained, the Helm release Secrets go), 4→3 hands
/// them back (Argo CD lets go without deleting, Helm and Pulumi adopt them again).
/// </summary>
public static class HandOverSteps
{
    public static ImmutableArray<PlanStep> Add(PlatformGraph before, PlatformGraph after, ImmutableArray<PlanStep> steps)
    {
        var handing = !GitOpsDelivery.HandsOver(before) && GitOpsDelivery.HandsOver(after);
        var returning = GitOpsDelivery.HandsOver(before) && !GitOpsDelivery.HandsOver(after);
        if (!handing && !returning)
            return steps;
        return handing
            ? PlanSteps.InsertAfterPhase1(steps, Over(after, phase: 1), atEnd: Over(after, phase: 2))
            : PlanSteps.Renumbered(Back(before).Concat(steps));
    }

    private static List<HelmRelease> Releases(PlatformGraph graph) =>
        [.. graph.Resources.OfType<HelmRelease>().Where(r => GitOpsDelivery.ByArgoCd(graph, r))];

    private static IEnumerable<PlanStep> Over(PlatformGraph after, int phase)
    {
        var stack = after.Config.Stack;
        var gitops = after.Config.GitOps;
        var releases = Releases(after);
        var ns = GitOpsPlatformManagement.Namespace;
        if (phase == 1)
        {
            yield return Step(1, $"Hand-over 1/4: check Argo CD is installed and healthy (Pulumi installed it above, with the root Application '{GitOpsPlatformManagement.RootApplication}')",
                [$"kubectl rollout status deployment/{GitOpsPlatformManagement.ReleaseName}-server -n {ns}", $"kubectl get application {GitOpsPlatformManagement.RootApplication} -n {ns}"]);
            yield return Step(1, $"Hand-over 2/4: write the GitOps tree and push it: pmctl render {stack} --gitops <checkout>/{gitops.Path}; git commit; git push ({gitops.RepoUrl} {gitops.Revision}); then argocd app sync {GitOpsPlatformManagement.RootApplication} (the root Application syncs on demand until the hand-over is promoted)",
                [$"git -C <checkout> log -1 -- {gitops.Path}", $"kubectl get application {GitOpsPlatformManagement.RootApplication} -n {ns} -o jsonpath='{{.status.sync.status}}' (expect Synced)"]);
            yield return Step(1, $"Hand-over 3/4: the Applications adopt the live objects of the {releases.Count} Helm releases ({string.Join(", ", releases.Take(6).Select(r => r.ReleaseName))}{(releases.Count > 6 ? ", ..." : "")}): same release names and namespaces, no {GitOpsTree.ResourcesFinalizer}, so deleting an Application never deletes workloads; Pulumi still holds them with RetainOnDelete",
                [$"kubectl get applications -n {ns} -o custom-columns=NAME:.metadata.name,SYNC:.status.sync.status,HEALTH:.status.health.status (expect Synced and Healthy)",
                 $"kubectl get applications -n {ns} -o jsonpath='{{range .items[*]}}{{.metadata.name}} {{.metadata.finalizers}}{{\"\\n\"}}{{end}}' (expect no finalizers)",
                 "kubectl get pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded (expect none new)"]);
            yield return Step(1, $"Hand-over 4/4: charts that generate secrets or certificates at template time ({string.Join(", ", GitOpsTree.TemplateTimeCertificateCharts)}) keep the live Secret and caBundle (ignoreDifferences with RespectIgnoreDifferences); passwords come from existing Secrets (secret stack config), never from randAlphaNum",
                [$"kubectl get applications -n {ns} -o custom-columns=NAME:.metadata.name,SYNC:.status.sync.status (expect no OutOfSync after two refreshes)"]);
        }
        else
        {
            yield return Step(2, $"Hand-over: pmctl upgrade {stack} --promote, then pulumi up: Pulumi drops the platform's releases and objects from its state without deleting them (RetainOnDelete was set in phase 1)",
                [$"pulumi stack --show-urns --stack {stack} | grep -c 'kubernetes:helm.sh/v3:Release' (expect 0)", "kubectl get pods -A (expect the same pods, not restarted)"]);
            yield return Step(2, "Hand-over: remove the leftover Helm release Secrets (Argo CD renders charts itself; helm ls would list stale releases)",
                [.. releases.Select(r => $"kubectl delete secret -n {r.Namespace} -l owner=helm,name={r.ReleaseName}"), "helm ls -A (expect none of the platform's releases)"]);
        }
    }

    private static IEnumerable<PlanStep> Back(PlatformGraph before)
    {
        var ns = GitOpsPlatformManagement.Namespace;
        var releases = Releases(before);
        yield return Step(1, $"Hand-back 1/3: stop Argo CD syncing the platform: remove the root Application's automated sync, then delete the component Applications without cascading (no {GitOpsTree.ResourcesFinalizer}: the workloads stay)",
            [$"kubectl patch application {GitOpsPlatformManagement.RootApplication} -n {ns} --type merge -p '{{\"spec\":{{\"syncPolicy\":null}}}}'",
             $"kubectl delete applications,applicationsets -n {ns} -l {GitOpsTree.ComponentLabel} --cascade=orphan",
             "kubectl get pods -A (expect the same pods)"]);
        yield return Step(1, "Hand-back 2/3: mark the live objects of each release for Helm to adopt (Helm 3 adopts objects annotated with their release)",
            [.. releases.Select(r => $"kubectl get all,configmaps,secrets,serviceaccounts -n {r.Namespace} -l app.kubernetes.io/instance={r.ReleaseName} -o name | xargs -r -I{{}} sh -c 'kubectl annotate -n {r.Namespace} {{}} meta.helm.sh/release-name={r.ReleaseName} meta.helm.sh/release-namespace={r.Namespace} --overwrite && kubectl label -n {r.Namespace} {{}} app.kubernetes.io/managed-by=Helm --overwrite'")]);
        yield return Step(1, "Hand-back 3/3: pulumi up with the Kubernetes provider's upsertExistingObjects: Pulumi installs the releases over the adopted objects and takes the plain objects back (the steps below), then removes Argo CD",
            ["helm ls -A (expect every platform release deployed)", "kubectl get pods -A (expect no restarts beyond rolling updates)"]);
    }

    private static PlanStep Step(int phase, string title, ImmutableArray<string> verify) =>
        new(0, phase, title, [], verify);
}
