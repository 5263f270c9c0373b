using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Config;

/// <summary>Every key of the <c>platform:</c> config namespace.</summary>
public static class ConfigKeys
{
    public static readonly ConfigKey Level = new(
        "level", ConfigValueType.Integer,
        "Maturity level of the platform (1 Launchpad ... 5 AI-Ready Enterprise Platform).",
        Required: true, Allowed: ["1", "2", "3", "4", "5"]);

    public static readonly ConfigKey Target = new(
        "target", ConfigValueType.String,
        "Where the platform runs: 'existing' (the cluster in your kubeconfig) or 'azure' (AKS).",
        Required: true, Allowed: [.. ConfigNames.Targets]);

    public static readonly ConfigKey Environment = new(
        "environment", ConfigValueType.String,
        "'nonprod' or 'prod'. Level 1 is for non-production only.",
        Default: "nonprod", Allowed: [.. ConfigNames.Environments]);

    public static readonly ConfigKey Name = new(
        "name", ConfigValueType.String,
        "Short platform name used in resource names (lowercase letters, digits, hyphens; at most 30). Defaults to the stack name.");

    public static readonly ConfigKey Tenants = new(
        "tenants", ConfigValueType.Array,
        "Teams on the platform: [{name, group, tier}]. Each gets a namespace named after it; group (from Level 2) is the team's identity group; tier small|medium|large sizes its quota (from Level 2).",
        Default: new JsonArray(), ItemType: ConfigValueType.Object);

    public static readonly ConfigKey Regions = new(
        "regions", ConfigValueType.Array,
        "Azure regions of the platform; the first is the primary region (e.g. [westeurope]).",
        Target: DeploymentTarget.Azure, Required: true, ItemType: ConfigValueType.String);

    public static readonly ConfigKey KubernetesVersion = new(
        "kubernetesVersion", ConfigValueType.String,
        "AKS Kubernetes version (major.minor, or major.minor.patch).",
        Default: Pins.AksKubernetesVersion, Target: DeploymentTarget.Azure);

    public static readonly ConfigKey NodeVmSize = new(
        "nodeVmSize", ConfigValueType.String,
        "VM size of the AKS system node pool.",
        Default: Pins.AksSystemNodeVmSize, Target: DeploymentTarget.Azure);

    public static readonly ConfigKey NodeCount = new(
        "nodeCount", ConfigValueType.Integer,
        "Nodes in the AKS system node pool; at least 2 (Kubernetes Built-in Resiliency).",
        Default: 2, Target: DeploymentTarget.Azure);

    public static readonly ConfigKey KubeContext = new(
        "kubeContext", ConfigValueType.String,
        "kubeconfig context of the existing cluster; the current context when unset.",
        Target: DeploymentTarget.Existing);

    public static readonly ConfigKey Registry = new(
        "registry", ConfigValueType.String,
        "Container registry the existing cluster pulls from (host[:port][/path]), e.g. localhost:5001 for kind's local registry.",
        Default: "localhost:5001", Target: DeploymentTarget.Existing);

    public static readonly ConfigKey SkuTier = new(
        "skuTier", ConfigValueType.String,
        "AKS pricing tier: Free (no uptime SLA), Standard (uptime SLA) or Premium (SLA and long-term support). It sets the control plane's availability.",
        Default: "Free", Target: DeploymentTarget.Azure, Allowed: ["Free", "Standard", "Premium"]);

    public static readonly ConfigKey Zones = new(
        "zones", ConfigValueType.Array,
        "Availability zones of the system node pool, e.g. [\"1\", \"2\", \"3\"]; empty for a regional pool. Zones raise the computed availability.",
        Default: new JsonArray(), Target: DeploymentTarget.Azure, ItemType: ConfigValueType.String);

    public static readonly ConfigKey Attestations = new(
        "attestations", ConfigValueType.Array,
        "Organisational requirements of the levels, attested by people: [{id, by, at}]. Recorded by pmctl upgrade --attest <id>; see pmctl describe <level>.",
        Default: new JsonArray(), ItemType: ConfigValueType.Object);

    public static readonly ConfigKey Staged = new(
        "staged", ConfigValueType.Array,
        "Enforcements running in their non-blocking first phase (warn/audit), e.g. [pod-security-restricted]. Written by pmctl upgrade; pmctl upgrade --promote enforces them.",
        Default: new JsonArray(), ItemType: ConfigValueType.String);

    /// <summary>All keys, in the order stack files list them.</summary>
    public static readonly ImmutableArray<ConfigKey> All =
        [Level, Target, Environment, Name, Regions, KubernetesVersion, SkuTier, NodeVmSize, NodeCount, Zones, KubeContext, Registry, Tenants, Staged, Attestations];

    public static ConfigKey? Find(string fullName) => All.FirstOrDefault(k => k.FullName == fullName);
}
