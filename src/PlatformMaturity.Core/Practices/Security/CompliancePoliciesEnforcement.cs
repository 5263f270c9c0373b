using System.Collections.Immutable;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Delivery;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 4–5: the platform's rules for tenant workloads are refused at admission, not only reported. One engine owns
/// them all: built-in ValidatingAdmissionPolicies (CEL), each bound to tenant namespaces and staged on its own
/// (Warn, Audit → Deny on pmctl upgrade --promote). The allowed-registries rule is Advanced Vulnerabilities
/// Management's policy (same engine, staged as allowed-registries), not a second copy. On azure, in addition, the
/// Azure Policy add-on with the AKS pod security baseline initiative assigned, in audit first.
/// </summary>
public sealed class CompliancePoliciesEnforcement : PracticeComponent
{
    public const string PracticeName = "Compliance Policies Enforcement";
    public const string RequiredLabelsPolicy = "platform-required-labels";
    public const string ResourceLimitsPolicy = "platform-resource-limits";
    public const string NoLatestTagPolicy = "platform-no-latest-tag";
    public const string WorkloadProbesPolicy = "platform-workload-probes";
    public const string BaselineAssignment = "aks-pod-security-baseline";

    /// <summary>
    /// The built-in initiative "Kubernetes cluster pod security baseline standards for Linux-based workloads"
    /// (Microsoft Learn, Azure Policy built-in initiatives, Kubernetes). Its "effect" parameter takes audit, deny or disabled.
    /// </summary>
    public const string BaselineInitiativeId = "/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d";

    /// <summary>The labels every tenant pod carries, defined once (<see cref="StandardLabels"/>); golden paths set both.</summary>
    public static readonly ImmutableArray<string> RequiredLabels = [StandardLabels.Team, StandardLabels.CostCenter];

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"ValidatingAdmissionPolicies bound to tenant namespaces, each staged Warn/Audit then Deny on promote: {RequiredLabelsPolicy} ({string.Join(" and ", RequiredLabels)} labels), {ResourceLimitsPolicy} (CPU and memory requests, memory limit), {NoLatestTagPolicy}, {WorkloadProbesPolicy} (readiness and liveness probes on Deployments, StatefulSets and Rollouts); allowed registries through Advanced Vulnerabilities Management's {AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy}",
        Azure: $"The same ValidatingAdmissionPolicies ({RequiredLabelsPolicy}, {ResourceLimitsPolicy}, {NoLatestTagPolicy}, {WorkloadProbesPolicy}; allowed registries through {AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy}), plus the Azure Policy add-on (AzurePolicyEnabled) with the AKS pod security baseline initiative assigned to the cluster in audit (it reports; the admission policies refuse)");

    /// <summary>Pods, and every controller whose pod template makes them, so kubectl apply of a workload reports what its pods would hit.</summary>
    private static readonly (string Group, string Version, string Resource)[] PodMakers =
    [
        ("", "v1", "pods"),
        ("apps", "v1", "deployments"),
        ("apps", "v1", "replicasets"),
        ("apps", "v1", "statefulsets"),
        ("apps", "v1", "daemonsets"),
        ("batch", "v1", "jobs"),
        ("batch", "v1", "cronjobs"),
        ("argoproj.io", "v1alpha1", "rollouts"),
    ];

    /// <summary>Long-running workloads, which need probes (Jobs and CronJobs finish and have none).</summary>
    private static readonly (string Group, string Version, string Resource)[] LongRunning =
    [
        ("apps", "v1", "deployments"),
        ("apps", "v1", "statefulsets"),
        ("argoproj.io", "v1alpha1", "rollouts"),
    ];

    /// <summary>
    /// Only objects that carry a pod: a Rollout may reference a Deployment (spec.workloadRef) instead of a template,
    /// and that Deployment is checked itself.
    /// </summary>
    private const string CarriesPod = "object.kind == 'Pod' || object.kind == 'CronJob' || has(object.spec.template)";

    /// <summary>The pod (template) of the object: the pod itself, a CronJob's job template's, or spec.template.</summary>
    private const string PodTemplate = "object.kind == 'Pod' ? object : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template)";

    /// <summary>RE2: an image reference ending in a digest, or in a tag (no '/' after the ':', so a registry port is not a tag).</summary>
    private const string Pinned = "(@sha256:[0-9a-f]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$";

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.Tenants.IsDefaultOrEmpty)
        {
            // The shared binding selects the tenants' namespaces by name, and a selector cannot name none.
            component.Note("No tenants yet, so no namespace is bound to the compliance policies: they arrive with the first tenant of platform:tenants.");
            if (component.IsAzure)
                AddAzurePolicy(component);
            return;
        }

        AddPolicy(component, RequiredLabelsPolicy, Enforcements.RequiredLabels, PodMakers, CarriesPod,
            $"[{string.Join(", ", RequiredLabels.Select(l => $"'{l}'"))}].all(k, has(variables.pod.metadata) && has(variables.pod.metadata.labels) && k in variables.pod.metadata.labels && variables.pod.metadata.labels[k] != '')",
            $"every tenant pod (and pod template) needs non-empty {string.Join(" and ", RequiredLabels)} labels, so its owner and its costs are known (Compliance Policies Enforcement)");
        // Init containers are left to the namespace's LimitRange defaults: webhooks inject some (auto-instrumentation) after the workload is written.
        AddPolicy(component, ResourceLimitsPolicy, Enforcements.ResourceLimits, PodMakers, CarriesPod,
            "variables.pod.spec.containers.all(c, has(c.resources) && has(c.resources.requests) && 'cpu' in c.resources.requests && 'memory' in c.resources.requests && has(c.resources.limits) && 'memory' in c.resources.limits)",
            "every container needs CPU and memory requests and a memory limit, so the scheduler can place it and one pod cannot starve a node (Compliance Policies Enforcement)");
        AddPolicy(component, NoLatestTagPolicy, Enforcements.NoLatestTag, PodMakers, CarriesPod,
            $"variables.images.all(image, image.matches('{Pinned}') && !image.matches(':latest(@sha256:[0-9a-f]{{64}})?$'))",
            "every image needs a tag other than latest, or a digest, so a restart runs the same code (Compliance Policies Enforcement)");
        AddPolicy(component, WorkloadProbesPolicy, Enforcements.WorkloadProbes, LongRunning, "has(object.spec.template)",
            "variables.pod.spec.containers.all(c, has(c.readinessProbe) && has(c.livenessProbe))",
            $"every container of a Deployment, StatefulSet or Rollout needs a readinessProbe and a livenessProbe (Compliance Policies Enforcement; {AdvancedDeploymentManagement.PolicyName} has warned about it since Level 3)");

        component.Note($"Allowed registries are enforced by {AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy} (Advanced Vulnerabilities Management, staged as {Enforcements.AllowedRegistries}): one policy, one engine.");
        component.Note("See what a staged policy would refuse: kubectl get events -A --field-selector reason=ValidatingAdmissionPolicy, the warnings kubectl apply prints, or the API server audit log (annotation validation.policy.admission.k8s.io/validation_failure).");

        if (component.IsAzure)
            AddAzurePolicy(component);
    }

    private static void AddPolicy(ComponentBuilder component, string name, string enforcement,
        IEnumerable<(string Group, string Version, string Resource)> resources, string condition, string expression, string message)
    {
        component.AddObject(new V1ValidatingAdmissionPolicy
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingAdmissionPolicy",
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ValidatingAdmissionPolicySpec
            {
                FailurePolicy = "Fail",
                MatchConstraints = new V1MatchResources
                {
                    ResourceRules =
                    [
                        .. resources.GroupBy(r => (r.Group, r.Version)).Select(g => new V1NamedRuleWithOperations
                        {
                            ApiGroups = [g.Key.Group],
                            ApiVersions = [g.Key.Version],
                            Operations = ["CREATE", "UPDATE"],
                            Resources = [.. g.Select(r => r.Resource)],
                        }),
                    ],
                },
                MatchConditions = [new V1MatchCondition { Name = "carries-a-pod", Expression = condition }],
                Variables =
                [
                    new V1Variable { Name = "pod", Expression = PodTemplate },
                    new V1Variable
                    {
                        Name = "images",
                        Expression = "variables.pod.spec.containers.map(c, c.image)"
                            + " + (has(variables.pod.spec.initContainers) ? variables.pod.spec.initContainers.map(c, c.image) : [])"
                            + " + (has(variables.pod.spec.ephemeralContainers) ? variables.pod.spec.ephemeralContainers.map(c, c.image) : [])",
                    },
                ],
                Validations = [new V1Validation { Expression = expression, Message = message, Reason = "Invalid" }],
            },
        });
        var staged = component.IsStaged(enforcement);
        component.AddObject(PlatformObjects.TenantPolicyBinding(name, component.Config, staged));
        component.Note(staged
            ? $"Staged ({enforcement} in platform:staged): {name} warns and audits; enforce it with pmctl upgrade {component.Config.Stack} --promote."
            : $"{name} refuses non-compliant tenant objects (validationActions Deny).");
    }

    /// <summary>
    /// The Azure Policy add-on (Gatekeeper, managed by AKS) and the pod security baseline initiative on the cluster, in
    /// audit: it reports; the ValidatingAdmissionPolicies are the one engine that refuses.
    /// </summary>
    private static void AddAzurePolicy(ComponentBuilder component)
    {
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with { AzurePolicyEnabled = true });
        component.Add(new PolicyAssignment
        {
            Name = BaselineAssignment,
            Provenance = component.Provenance,
            ResourceId = new AzureRef(Foundation.ClusterName, AzureOutput.Id),
            PolicyDefinitionId = BaselineInitiativeId,
            DisplayName = $"{component.Config.Name}: Kubernetes pod security baseline",
            Parameters = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["effect"] = "audit",
            }),
        });
        component.Note("The AKS pod security baseline initiative audits (effect audit): see compliance in the portal (Policy > Compliance) or az policy state list --resource <cluster id>. The tenant rules above are what refuses; switching the initiative to deny is a separate decision, since its Gatekeeper also judges platform namespaces.");
    }
}
