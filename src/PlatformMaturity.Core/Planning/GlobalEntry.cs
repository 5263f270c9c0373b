using System.Collections.Immutable;

namespace PlatformMaturity.Planning;

/// <summary>
/// A way for clients to reach whichever regional cluster is healthy, with the availability it adds in series with the
/// clusters. Published SLAs (monthly uptime): Azure Front Door Standard/Premium 99.99%, Traffic Manager 99.99% (a valid
/// DNS answer from its name servers), Azure DNS 100% (a valid answer from at least one name server), Standard Load
/// Balancer 99.99% (data path of a regional gateway's public address). Sources: Microsoft "Service Level Agreements
/// for Online Services" (Front Door and CDN, Traffic Manager, DNS, Load Balancer sections).
/// </summary>
/// <param name="Id">Short id of the option.</param>
/// <param name="Value">What the entry contributes in series (0..1).</param>
/// <param name="Formula">How <paramref name="Value"/> is computed, with the figures.</param>
public sealed record GlobalEntry(string Id, string Title, double Value, string Formula)
{
    public const double FrontDoorSla = 0.9999;
    public const double TrafficManagerSla = 0.9999;
    public const double AzureDnsSla = 1.0;
    public const double LoadBalancerSla = 0.9999;

    /// <summary>Front Door alone: every request passes it, so its SLA multiplies the clusters' figure.</summary>
    public static GlobalEntry FrontDoor { get; } = new("front-door", "Front Door alone", FrontDoorSla,
        $"Front Door {AvailabilityEstimate.Percent(FrontDoorSla)} in series");

    /// <summary>
    /// Traffic Manager counted by what its SLA covers: DNS answers. It is not in the data path, but every new
    /// connection needs an answer once the cached one expires, so the 99.99% still multiplies the clusters' figure.
    /// </summary>
    public static GlobalEntry TrafficManager { get; } = new("traffic-manager", "Traffic Manager alone", TrafficManagerSla,
        $"Traffic Manager {AvailabilityEstimate.Percent(TrafficManagerSla)} (its SLA covers DNS answers, which every new connection needs) in series");

    /// <summary>
    /// Front Door made redundant: the application's name is a record in an Azure DNS zone (100% SLA) pointing at Front
    /// Door; when Front Door fails, the record is switched to the regional gateways' public addresses (Standard Load
    /// Balancer, 99.99%), which bypass Front Door. The two paths are in parallel, behind DNS in series.
    /// </summary>
    public static GlobalEntry FrontDoorWithDnsFailover { get; } = new("front-door-dns-failover", "Front Door with DNS failover to the regional gateways",
        AzureDnsSla * (1 - (1 - FrontDoorSla) * (1 - LoadBalancerSla)),
        $"Azure DNS {AvailabilityEstimate.Percent(AzureDnsSla)} × (1 − (1 − Front Door {AvailabilityEstimate.Percent(FrontDoorSla)}) × (1 − regional gateway load balancer {AvailabilityEstimate.Percent(LoadBalancerSla)}))");

    /// <summary>The options the model weighs, the chosen one last.</summary>
    public static ImmutableArray<GlobalEntry> Options { get; } = [FrontDoor, TrafficManager, FrontDoorWithDnsFailover];

    /// <summary>The option the azure target builds: the only one whose arithmetic can reach 99.99% with two clusters.</summary>
    public static GlobalEntry Chosen => FrontDoorWithDnsFailover;
}
