using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;
using CdnInputs = Pulumi.Azure.Cdn.Inputs;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// The global entry (Pulumi.Azure.Cdn.Frontdoor*, pulumi-azure v6.39.0 sdk/dotnet/Cdn): profile, endpoint, origin group
/// with its health probe, one origin per regional gateway, and the route. Argument names as in that SDK:
/// FrontdoorProfileArgs (ResourceGroupName, SkuName, ResponseTimeoutSeconds), FrontdoorEndpointArgs
/// (CdnFrontdoorProfileId), FrontdoorOriginGroupArgs (CdnFrontdoorProfileId, HealthProbe, LoadBalancing),
/// FrontdoorOriginArgs (CdnFrontdoorOriginGroupId, HostName, CertificateNameCheckEnabled), FrontdoorRouteArgs
/// (CdnFrontdoorEndpointId, CdnFrontdoorOriginGroupId, CdnFrontdoorOriginIds, PatternsToMatches, SupportedProtocols).
/// </summary>
internal static class FrontDoorMapper
{
    public static PulumiAzure.Cdn.FrontdoorProfile Map(FrontDoorProfile profile, MappingContext context, PlatformComponent parent) =>
        new(profile.Name, new PulumiAzure.Cdn.FrontdoorProfileArgs
        {
            Name = profile.ProfileName,
            ResourceGroupName = context.Refs.NameOf(profile.ResourceGroup),
            SkuName = profile.SkuName,
            ResponseTimeoutSeconds = In.Opt(profile.ResponseTimeoutSeconds),
            Tags = In.Map(profile.Tags),
        }, context.Options(profile, parent));

    public static PulumiAzure.Cdn.FrontdoorEndpoint Map(FrontDoorEndpoint endpoint, MappingContext context, PlatformComponent parent) =>
        new(endpoint.Name, new PulumiAzure.Cdn.FrontdoorEndpointArgs
        {
            Name = endpoint.EndpointName,
            CdnFrontdoorProfileId = context.Refs.Resolve(new AzureRef(endpoint.Profile, AzureOutput.Id)),
            Tags = In.Map(endpoint.Tags),
        }, context.Options(endpoint, parent));

    public static PulumiAzure.Cdn.FrontdoorOriginGroup Map(FrontDoorOriginGroup group, MappingContext context, PlatformComponent parent) =>
        new(group.Name, new PulumiAzure.Cdn.FrontdoorOriginGroupArgs
        {
            Name = group.GroupName,
            CdnFrontdoorProfileId = context.Refs.Resolve(new AzureRef(group.Profile, AzureOutput.Id)),
            SessionAffinityEnabled = group.SessionAffinityEnabled,
            HealthProbe = new CdnInputs.FrontdoorOriginGroupHealthProbeArgs
            {
                Path = group.HealthProbe.Path,
                Protocol = group.HealthProbe.Protocol,
                RequestType = group.HealthProbe.RequestType,
                IntervalInSeconds = group.HealthProbe.IntervalInSeconds,
            },
            LoadBalancing = new CdnInputs.FrontdoorOriginGroupLoadBalancingArgs
            {
                SampleSize = group.LoadBalancing.SampleSize,
                SuccessfulSamplesRequired = group.LoadBalancing.SuccessfulSamplesRequired,
                AdditionalLatencyInMilliseconds = group.LoadBalancing.AdditionalLatencyInMilliseconds,
            },
        }, context.Options(group, parent));

    public static PulumiAzure.Cdn.FrontdoorOrigin Map(FrontDoorOrigin origin, MappingContext context, PlatformComponent parent) =>
        new(origin.Name, new PulumiAzure.Cdn.FrontdoorOriginArgs
        {
            Name = origin.OriginName,
            CdnFrontdoorOriginGroupId = context.Refs.Resolve(new AzureRef(origin.OriginGroup, AzureOutput.Id)),
            HostName = origin.HostName,
            Priority = origin.Priority,
            Weight = origin.Weight,
            CertificateNameCheckEnabled = origin.CertificateNameCheckEnabled,
        }, context.Options(origin, parent));

    public static PulumiAzure.Cdn.FrontdoorRoute Map(FrontDoorRoute route, MappingContext context, PlatformComponent parent) =>
        new(route.Name, new PulumiAzure.Cdn.FrontdoorRouteArgs
        {
            Name = route.RouteName,
            CdnFrontdoorEndpointId = context.Refs.Resolve(new AzureRef(route.Endpoint, AzureOutput.Id)),
            CdnFrontdoorOriginGroupId = context.Refs.Resolve(new AzureRef(route.OriginGroup, AzureOutput.Id)),
            CdnFrontdoorOriginIds = route.Origins.Select(o => context.Refs.Resolve(new AzureRef(o, AzureOutput.Id))).ToList(),
            PatternsToMatches = route.PatternsToMatch.ToArray(),
            SupportedProtocols = route.SupportedProtocols.ToArray(),
            ForwardingProtocol = route.ForwardingProtocol,
            HttpsRedirectEnabled = route.HttpsRedirectEnabled,
            LinkToDefaultDomain = route.LinkToDefaultDomain,
        }, context.Options(route, parent));
}
