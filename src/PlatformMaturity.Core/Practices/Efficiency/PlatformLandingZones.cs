using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Levels 4–5 on azure: hub and spoke. A hub VNet in its own resource group (the network concern, apart from the
/// platform's), peered both ways with every cluster's spoke (made with the cluster from Level 1, see
/// <see cref="SpokeNetwork"/>), and Azure Policy assignments at resource-group scope on the platform's group, staged
/// Audit → Deny. A stack whose clusters run on AKS-managed VNets (written before platform:network) gets the hub and the
/// policies but no peering: its clusters cannot move into spokes, and the plan says what moving means.
/// </summary>
public sealed class PlatformLandingZones : PracticeComponent
{
    public const string HubResourceGroup = "hub-resource-group";
    public const string HubVnet = "hub-vnet";

    /// <summary>
    /// Built-in policy definitions assigned to the platform's resource group, each with an effect parameter allowing
    /// Audit and Deny (ids and effects from the Azure Policy built-in reference, MicrosoftDocs/azure-docs
    /// includes/policy/reference and Azure/azure-policy built-in-policies/policyDefinitions): what the platform already
    /// does, kept true by Azure for anything created beside it.
    /// </summary>
    public static readonly ImmutableArray<BuiltInPolicy> Policies =
    [
        // Kubernetes/AKS_DisableLocalAccounts_Deny.json (Audit, Deny, Disabled). It denies only once local accounts are
        // disabled too (Platform Access Auditing's own staged control): denying earlier would refuse every update of the
        // platform's own clusters.
        new("aks-local-auth-disabled", "993c2fcd-2b29-49d2-9eb0-df2c3a730c32", "Azure Kubernetes Service Clusters should have local authentication methods disabled", Enforcements.LocalAccountsDisabled),
        // Storage/StorageAccountAllowSharedKeyAccess_Audit.json (Audit, Deny, Disabled): the backup account allows no shared keys.
        new("storage-no-shared-key", "8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54", "Storage accounts should prevent shared key access"),
        // Key Vault/KeyVault_Recoverable_Audit.json (Audit, Deny, Disabled): the platform's vault has purge protection.
        new("keyvault-deletion-protection", "0b60c0b2-2dc2-4e1c-b5c9-abbed971de53", "Key vaults should have deletion protection enabled"),
    ];

    public const string PracticeName = "Platform Landing Zones";

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: "Not applicable: the existing cluster's network and cloud account belong to its owner",
        Azure: $"Hub and spoke: a hub VNet ({SpokeNetwork.HubAddressSpace}) in its own resource group, a spoke VNet per cluster (from Level 1 with {ConfigKeys.Network.FullName} spoke: node subnet, API server subnet delegated to {SpokeNetwork.AksDelegation}; Azure CNI Overlay needs no pod subnet) peered with the hub both ways, and built-in Azure Policy assignments on the platform's resource group (Audit, Deny on promote)");

    public override string? NotApplicableReason(DeploymentTarget target) => target == DeploymentTarget.Existing
        ? "the existing cluster's VNet, resource groups and Azure Policy (or their equivalents on another provider) belong to its owner; the platform cannot place a running cluster into a hub-and-spoke network"
        : null;

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var tags = StandardLabels.AzureTags(config, component.Provenance);
        var region = config.PrimaryRegion;
        component.Add(new ResourceGroup
        {
            Name = HubResourceGroup,
            Provenance = component.Provenance,
            ResourceGroupName = $"rg-{config.Name}-hub-{region}",
            Location = region,
            Tags = tags,
        }); // retained like every resource group (deleting a group deletes what others may have put in it)
        component.Add(new VirtualNetwork
        {
            Name = HubVnet,
            Provenance = component.Provenance,
            VirtualNetworkName = $"vnet-{config.Name}-hub-{region}",
            ResourceGroup = HubResourceGroup,
            Location = region,
            AddressSpaces = [SpokeNetwork.HubAddressSpace],
            Tags = tags,
        });
        if (config.SpokeNetwork)
        {
            PeerSpokes(component, config);
            component.Note($"The API server subnet of each spoke waits for API Server VNet Integration: {ApiServerVnetIntegration.Why}. pmctl plan and pmctl status give the az aks update command per cluster and its check.");
        }
        else
            component.Note($"This stack's clusters run on AKS-managed VNets ({ConfigKeys.Network.FullName} unset), which cannot be peered with the hub or moved into spokes: " +
                "the hub is ready, and reaching hub and spoke means new clusters in spokes and a migration (pmctl plan shows the steps).");
        AssignPolicies(component, config);
    }

    private static void PeerSpokes(ComponentBuilder component, PlatformConfig config)
    {
        foreach (var (spoke, _, suffix) in SpokeNetwork.Spokes(config))
        {
            component.Add(new VirtualNetworkPeering
            {
                Name = $"peering-hub-to-{spoke}",
                Provenance = component.Provenance,
                // Named after the spoke, not only its region: a specialised member in a region already used has its own spoke.
                PeeringName = $"hub-to-{suffix}",
                ResourceGroup = HubResourceGroup,
                VirtualNetwork = HubVnet,
                RemoteVirtualNetwork = spoke,
            });
            component.Add(new VirtualNetworkPeering
            {
                Name = $"peering-{spoke}-to-hub",
                Provenance = component.Provenance,
                PeeringName = "spoke-to-hub",
                ResourceGroup = Foundation.ResourceGroupName,
                VirtualNetwork = spoke,
                RemoteVirtualNetwork = HubVnet,
            });
        }
        component.Note($"Every cluster's spoke VNet is peered with the hub {SpokeNetwork.HubAddressSpace} both ways. See them: az network vnet peering list -g rg-{config.Name}-hub-{config.PrimaryRegion} --vnet-name vnet-{config.Name}-hub-{config.PrimaryRegion} -o table");
    }

    private static void AssignPolicies(ComponentBuilder component, PlatformConfig config)
    {
        var staged = component.IsStaged(Enforcements.LandingZonePolicies);
        foreach (var policy in Policies)
        {
            var effect = staged || (policy.DenyAfter is { } before && component.IsStaged(before)) ? "Audit" : "Deny";
            component.Add(new ResourceGroupPolicyAssignment
            {
                Name = $"policy-{policy.Id}",
                Provenance = component.Provenance,
                AssignmentName = policy.Id,
                ResourceGroup = Foundation.ResourceGroupName,
                PolicyDefinitionId = policy.DefinitionId,
                DisplayName = policy.DisplayName,
                Parameters = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("effect", effect)]),
            });
        }
        component.Note(staged
            ? $"Staged ({Enforcements.LandingZonePolicies} in platform:staged): the Azure Policy assignments on rg-{config.Name}-{config.PrimaryRegion} audit (az policy state list -g rg-{config.Name}-{config.PrimaryRegion} --filter \"complianceState eq 'NonCompliant'\"); enforce them with pmctl upgrade {config.Stack} --promote."
            : $"The Azure Policy assignments on rg-{config.Name}-{config.PrimaryRegion} deny non-compliant resources.");
    }
}

/// <summary>A built-in Azure Policy definition the platform assigns, by its definition GUID.</summary>
/// <param name="DenyAfter">An enforcement that must be enforced before this policy may deny (what the platform itself must comply with first), or null.</param>
public sealed record BuiltInPolicy(string Id, string Guid, string DisplayName, string? DenyAfter = null)
{
    public string DefinitionId => $"/providers/Microsoft.Authorization/policyDefinitions/{Guid}";
}
