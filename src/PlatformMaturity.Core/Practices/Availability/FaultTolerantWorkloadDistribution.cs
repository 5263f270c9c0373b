using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Delivery;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// From Level 4 ("no single datacenter", at least 99.99%): the platform runs on every member of platform:clusters
/// (one cluster subtree each, <see cref="ClusterMembers"/>), node pools across the zones their regions offer, and a
/// global entry in front of the regional gateways. On azure the entry is Front Door, made redundant by DNS failover to
/// the regional gateways (<see cref="GlobalEntry.Chosen"/>): Front Door alone in series caps the composite below
/// 99.99%. Every gateway answers health checks on <see cref="HealthPath"/> (Envoy Gateway's listener health check),
/// which Front Door probes.
/// </summary>
public sealed class FaultTolerantWorkloadDistribution : PracticeComponent
{
    /// <summary>The path every platform gateway answers 200 on while its Envoy proxies are healthy.</summary>
    public const string HealthPath = "/healthz/platform";

    /// <summary>Name of the ClientTrafficPolicy that turns the gateway's listener health check on.</summary>
    public const string HealthPolicyName = "platform-health";

    /// <summary>Azure's annotation naming the DNS label of a LoadBalancer Service's public IP (&lt;label&gt;.&lt;region&gt;.cloudapp.azure.com).</summary>
    public const string AzureDnsLabelAnnotation = "service.beta.kubernetes.io/azure-dns-label-name";

    public const string ProfileResource = "front-door";
    public const string EndpointResource = "front-door-endpoint";
    public const string OriginGroupResource = "front-door-gateways";
    public const string RouteResource = "front-door-route";

    public override string Practice => WellKnown.FaultTolerantWorkloadDistribution;

    public override Implementation Implementation => new(
        Existing: $"The platform on every member of {ConfigKeys.Clusters.FullName} (its kubeconfig context; availability its owner guarantees); each gateway answers health checks on {HealthPath} for the global entry you run in front (DNS or load balancer failover)",
        Azure: $"One AKS cluster per member of {ConfigKeys.Clusters.FullName} (one region each, node pools across the region's zones), Azure Front Door (profile, endpoint, origin group probing {HealthPath} on every regional gateway, route) with DNS failover to the regional gateways");

    /// <summary>The DNS label of the gateways' public addresses: the same in every region, since the FQDN includes the region.</summary>
    public static string GatewayDnsLabel(PlatformConfig config) => $"{config.Name}-gateway";

    /// <summary>
    /// A member's gateway DNS label: the shared one, except for a specialised member sharing its region with an earlier
    /// member (Level 5), whose label must differ since the FQDN only adds the region.
    /// </summary>
    public static string GatewayDnsLabel(PlatformConfig config, ClusterMember member) =>
        ClusterMembers.SharesRegion(config, member) ? $"{config.Name}-{member.Name}-gateway" : GatewayDnsLabel(config);

    /// <summary>A member's gateway public host name, which Front Door forwards to and DNS failover points at.</summary>
    public static string GatewayHostName(PlatformConfig config, ClusterMember member) => $"{GatewayDnsLabel(config, member)}.{member.Region}.cloudapp.azure.com";

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var ns = config.IngressNamespace;
        component.AddObject(new CustomObject
        {
            ApiVersion = $"{PlatformGateway.EnvoyGatewayApiGroup}/v1alpha1",
            Kind = "ClientTrafficPolicy",
            Metadata = new V1ObjectMeta { Name = HealthPolicyName, NamespaceProperty = ns },
            Spec = new JsonObject
            {
                ["targetRefs"] = new JsonArray(new JsonObject
                {
                    ["group"] = PlatformGateway.GatewayApiGroup,
                    ["kind"] = "Gateway",
                    ["name"] = PlatformGateway.GatewayName,
                }),
                ["healthCheck"] = new JsonObject { ["path"] = HealthPath },
            },
        });
        SpreadGatewayProxies(component, config);
        if (config.IsAzure)
            AddFrontDoor(component, config);
        else
            component.Note($"Put a global entry (DNS failover or a global load balancer) in front of every member's gateway and health-check {HealthPath}; its availability multiplies the clusters' figure.");
    }

    /// <summary>Label Envoy Gateway puts on the proxy pods of a Gateway, naming it.</summary>
    public const string OwningGatewayLabel = "gateway.envoyproxy.io/owning-gateway-name";

    private static string ProxyConfig(PlatformConfig config) =>
        ComponentBuilder.KubernetesName(new CustomObject { Kind = "EnvoyProxy", Metadata = new V1ObjectMeta { Name = PlatformGateway.ProxyConfigName, NamespaceProperty = config.IngressNamespace } });

    /// <summary>
    /// The gateway's proxies across zones, then nodes (ScheduleAnyway: a zone-less cluster still schedules them), so a
    /// zone outage leaves a proxy answering the health check. Golden paths spread the same way (templates/_shared/pod-template.sbn).
    /// </summary>
    private static void SpreadGatewayProxies(ComponentBuilder component, PlatformConfig config)
    {
        JsonObject Spread(string key) => new()
        {
            ["maxSkew"] = 1,
            ["topologyKey"] = key,
            ["whenUnsatisfiable"] = "ScheduleAnyway",
            ["labelSelector"] = new JsonObject
            {
                ["matchLabels"] = new JsonObject
                {
                    [PlatformGateway.ProxyPods.Key] = PlatformGateway.ProxyPods.Value,
                    [OwningGatewayLabel] = PlatformGateway.GatewayName,
                },
            },
        };
        component.ContributeObject<CustomObject>(ProxyConfig(config), envoy =>
        {
            var deployment = envoy.Spec!["provider"]!["kubernetes"]!["envoyDeployment"]!.AsObject();
            var pod = deployment["pod"] as JsonObject ?? new JsonObject();
            pod["topologySpreadConstraints"] = new JsonArray(Spread("topology.kubernetes.io/zone"), Spread("kubernetes.io/hostname"));
            deployment["pod"] = pod;
        });
    }

    private static void AddFrontDoor(ComponentBuilder component, PlatformConfig config)
    {
        component.ContributeObject<CustomObject>(ProxyConfig(config), envoy =>
        {
            var service = envoy.Spec!["provider"]!["kubernetes"]!["envoyService"]!.AsObject();
            service["annotations"] = new JsonObject { [AzureDnsLabelAnnotation] = GatewayDnsLabel(config) };
        });

        var tags = StandardLabels.AzureTags(config, component.Provenance);
        component.Add(new FrontDoorProfile
        {
            Name = ProfileResource, Provenance = component.Provenance, Tags = tags,
            ProfileName = $"afd-{config.Name}", ResourceGroup = Foundation.ResourceGroupName, SkuName = "Standard_AzureFrontDoor", ResponseTimeoutSeconds = 60,
        });
        component.Add(new FrontDoorEndpoint { Name = EndpointResource, Provenance = component.Provenance, Tags = tags, EndpointName = config.Name, Profile = ProfileResource });
        component.Add(new FrontDoorOriginGroup
        {
            Name = OriginGroupResource, Provenance = component.Provenance,
            GroupName = "gateways", Profile = ProfileResource,
            HealthProbe = new FrontDoorHealthProbe(HealthPath, "Http", "GET", IntervalInSeconds: 30),
            LoadBalancing = new FrontDoorLoadBalancing(SampleSize: 4, SuccessfulSamplesRequired: 3, AdditionalLatencyInMilliseconds: 50),
        });
        var origins = new List<string>();
        var members = config.Members;
        for (var i = 0; i < members.Length; i++)
        {
            var key = ClusterKeys.KeyOf(i, members[i]);
            var origin = component.Add(new FrontDoorOrigin
            {
                Name = $"front-door-origin-{key}", Provenance = component.Provenance,
                OriginName = members[i].Name, OriginGroup = OriginGroupResource,
                HostName = GatewayHostName(config, members[i]),
            });
            origins.Add(origin.Name);
        }
        component.Add(new FrontDoorRoute
        {
            Name = RouteResource, Provenance = component.Provenance,
            RouteName = "platform", Endpoint = EndpointResource, OriginGroup = OriginGroupResource, Origins = [.. origins],
            // Front Door terminates the clients' TLS; to the gateways it speaks HTTP until their certificate covers their
            // regional host names (the gateway's certificate is for platform:gatewayHostname).
            ForwardingProtocol = "HttpOnly",
        });
        var gateways = string.Join(", ", members.Select(m => GatewayHostName(config, m)));
        component.Note($"Global entry: Front Door endpoint '{config.Name}' forwards to every regional gateway ({gateways}) that answers {HealthPath}.");
        component.Note($"DNS failover (counted in the availability arithmetic): keep your application's name in an Azure DNS zone as a CNAME (TTL 60 s) to the Front Door endpoint; " +
            $"if Front Door fails, point it at a healthy regional gateway ({gateways}). The minutes until the switch count against the error budget.");
    }
}
