using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>Levels 1–3: Kubernetes Secrets for workloads, Pulumi secrets for credentials, a Key Vault for platform secrets on azure.</summary>
public sealed class BasicSecretsManagement : PracticeComponent
{
    public const string KeyVaultName = "keyvault";

    public override string Practice => "Basic Secrets Management";

    public override Implementation Implementation => new(
        Existing: "Kubernetes Secrets for workloads; every credential the stack holds is a Pulumi secret (secure: config)",
        Azure: "Key Vault (RBAC authorisation, purge protection, 90-day soft delete) for platform secrets; Kubernetes Secrets for workloads; Pulumi secrets for credentials");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            component.Add(new KeyVault
            {
                Name = KeyVaultName,
                Provenance = component.Provenance,
                ResourceGroup = Foundation.ResourceGroupName,
                Location = component.Config.PrimaryRegion,
                Tags = StandardLabels.AzureTags(component.Config, component.Provenance),
            });
        }
        component.Note("Store credentials in the stack with: pulumi config set --secret <key> <value>; never commit them in plain text.");
        component.Note("Workloads read credentials from Kubernetes Secrets: kubectl create secret generic <name> --from-literal=<key>=<value> -n <tenant>.");
    }
}
