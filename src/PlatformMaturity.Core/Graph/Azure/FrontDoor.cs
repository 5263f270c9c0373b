using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>An Azure Front Door profile (Pulumi.Azure.Cdn.FrontdoorProfile): the global entry in front of the regional clusters.</summary>
public sealed record FrontDoorProfile : AzureResource
{
    public required string ProfileName { get; init; }

    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Standard_AzureFrontDoor or Premium_AzureFrontDoor.</summary>
    public required string SkuName { get; init; }

    public int? ResponseTimeoutSeconds { get; init; }

    public override IEnumerable<string> References => [ResourceGroup];
}

/// <summary>A Front Door endpoint (Pulumi.Azure.Cdn.FrontdoorEndpoint): the host name clients (or the DNS record) reach.</summary>
public sealed record FrontDoorEndpoint : AzureResource
{
    public required string EndpointName { get; init; }

    /// <summary>Graph name of the profile.</summary>
    public required string Profile { get; init; }

    public override IEnumerable<string> References => [Profile];
}

/// <summary>A Front Door origin group (Pulumi.Azure.Cdn.FrontdoorOriginGroup): the regional gateways, probed for health.</summary>
public sealed record FrontDoorOriginGroup : AzureResource
{
    public required string GroupName { get; init; }

    public required string Profile { get; init; }

    public required FrontDoorHealthProbe HealthProbe { get; init; }

    public required FrontDoorLoadBalancing LoadBalancing { get; init; }

    public bool SessionAffinityEnabled { get; init; }

    public override IEnumerable<string> References => [Profile];
}

/// <summary>health_probe: Protocol Http or Https, RequestType GET or HEAD, IntervalInSeconds 1 to 255.</summary>
public sealed record FrontDoorHealthProbe(string Path, string Protocol, string RequestType, int IntervalInSeconds);

/// <summary>load_balancing: samples considered, samples that must succeed, latency band in milliseconds.</summary>
public sealed record FrontDoorLoadBalancing(int SampleSize, int SuccessfulSamplesRequired, int AdditionalLatencyInMilliseconds);

/// <summary>A Front Door origin (Pulumi.Azure.Cdn.FrontdoorOrigin): one regional cluster's gateway.</summary>
public sealed record FrontDoorOrigin : AzureResource
{
    public required string OriginName { get; init; }

    public required string OriginGroup { get; init; }

    /// <summary>The gateway's public host name (its load balancer address's Azure DNS label).</summary>
    public required string HostName { get; init; }

    public int Priority { get; init; } = 1;

    public int Weight { get; init; } = 1000;

    /// <summary>Whether Front Door checks the origin's certificate name; required by the provider.</summary>
    public bool CertificateNameCheckEnabled { get; init; } = true;

    public override IEnumerable<string> References => [OriginGroup];
}

/// <summary>A Front Door route (Pulumi.Azure.Cdn.FrontdoorRoute): which requests of the endpoint go to the origin group.</summary>
public sealed record FrontDoorRoute : AzureResource
{
    public required string RouteName { get; init; }

    public required string Endpoint { get; init; }

    public required string OriginGroup { get; init; }

    /// <summary>Graph names of the origins the route needs in place first (cdn_frontdoor_origin_ids).</summary>
    public ImmutableArray<string> Origins { get; init; } = [];

    public ImmutableArray<string> PatternsToMatch { get; init; } = ["/*"];

    /// <summary>Http and/or Https.</summary>
    public ImmutableArray<string> SupportedProtocols { get; init; } = ["Http", "Https"];

    /// <summary>HttpOnly, HttpsOnly or MatchRequest.</summary>
    public string ForwardingProtocol { get; init; } = "MatchRequest";

    public bool HttpsRedirectEnabled { get; init; } = true;

    public bool LinkToDefaultDomain { get; init; } = true;

    public override IEnumerable<string> References => [Endpoint, OriginGroup, .. Origins];
}
