using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 3–5 (supersedes Basic Deployment Management): deployments that survive failures and bad releases —
/// probes, bounded revision history, spread replicas. An admission policy warns tenants whose Deployments or Argo
/// Rollouts (the golden paths' canaries) lack them.
/// </summary>
public sealed class AdvancedDeploymentManagement : PracticeComponent
{
    public const string PolicyName = "deployment-practices";

    public override string Practice => "Advanced Deployment Management";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"ValidatingAdmissionPolicy {PolicyName} (Warn and Audit) on tenant namespaces' Deployments and Argo Rollouts: readiness and liveness probes on every container, revisionHistoryLimit of at most 10, topology spread for 2 or more replicas; golden paths add PodDisruptionBudgets and preStop hooks; platform charts run with PodDisruptionBudgets");

    public override void Build(ComponentBuilder component)
    {
        component.AddObject(Policy());
        component.AddObject(Binding());
        component.Note("kubectl apply prints a warning for each Deployment or Rollout that breaks a practice; Level 4's compliance policies turn such warnings into denials.");
        component.Note("Roll back: kubectl rollout undo deployment/<name> -n <tenant>; Rollouts: kubectl argo rollouts undo <name> -n <tenant>");
    }

    /// <summary>
    /// A Rollout may reference a Deployment (spec.workloadRef) instead of carrying a template: that Deployment is
    /// checked itself, so the template rules hold for objects without one.
    /// </summary>
    private static (string Expression, string Message)[] Rules =>
    [
        ("!has(object.spec.template) || object.spec.template.spec.containers.all(c, has(c.readinessProbe))",
            "every container needs a readinessProbe, so traffic only reaches pods that are ready (Advanced Deployment Management)"),
        ("!has(object.spec.template) || object.spec.template.spec.containers.all(c, has(c.livenessProbe))",
            "every container needs a livenessProbe, so a hung process is restarted (Advanced Deployment Management)"),
        ("has(object.spec.revisionHistoryLimit) && object.spec.revisionHistoryLimit <= 10",
            "set spec.revisionHistoryLimit (at most 10) so rollbacks stay possible without piling up ReplicaSets (Advanced Deployment Management)"),
        ("!has(object.spec.template) || !has(object.spec.replicas) || object.spec.replicas < 2 || has(object.spec.template.spec.topologySpreadConstraints)",
            "Deployments and Rollouts with 2 or more replicas need topologySpreadConstraints, so one node or zone failure cannot take them all (Advanced Deployment Management)"),
    ];

    private static V1ValidatingAdmissionPolicy Policy() => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "ValidatingAdmissionPolicy",
        Metadata = new V1ObjectMeta { Name = PolicyName },
        Spec = new V1ValidatingAdmissionPolicySpec
        {
            // Warn-only: a broken expression must never block a deployment.
            FailurePolicy = "Ignore",
            MatchConstraints = new V1MatchResources
            {
                ResourceRules =
                [
                    new V1NamedRuleWithOperations
                    {
                        ApiGroups = ["apps"],
                        ApiVersions = ["v1"],
                        Operations = ["CREATE", "UPDATE"],
                        Resources = ["deployments"],
                    },
                    // The golden paths' canaries (Advanced Delivery Processes): same spec shape as a Deployment.
                    new V1NamedRuleWithOperations
                    {
                        ApiGroups = ["argoproj.io"],
                        ApiVersions = ["v1alpha1"],
                        Operations = ["CREATE", "UPDATE"],
                        Resources = ["rollouts"],
                    },
                ],
            },
            Validations = [.. Rules.Select(r => new V1Validation { Expression = r.Expression, Message = r.Message })],
        },
    };

    private static V1ValidatingAdmissionPolicyBinding Binding() => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "ValidatingAdmissionPolicyBinding",
        Metadata = new V1ObjectMeta { Name = PolicyName },
        Spec = new V1ValidatingAdmissionPolicyBindingSpec
        {
            PolicyName = PolicyName,
            ValidationActions = ["Warn", "Audit"],
            MatchResources = new V1MatchResources
            {
                NamespaceSelector = new V1LabelSelector
                {
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = HardMultiTenancy.TenantLabel, OperatorProperty = "Exists" }],
                },
            },
        },
    };
}
