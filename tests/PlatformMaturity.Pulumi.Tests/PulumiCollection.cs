namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// The one xunit collection every Pulumi test is in: Pulumi's test engine keeps the running deployment in
/// process-wide state and reads stack config from environment variables, so its tests run one at a time
/// (pulumi-dotnet's Deployment.TestAsync: "unit tests that call this function must run serially").
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PulumiCollection
{
    public const string Name = "Pulumi deployments";
}

/// <summary>
/// Base of every Pulumi test class: each test starts and ends with no stack config in the process, so a test that
/// fails inside its config scope cannot leak config or secret keys into the next one. Subclasses also name
/// <see cref="PulumiCollection"/> themselves: xunit v2 does not inherit a base class's [Collection].
/// </summary>
public abstract class PulumiTest : IDisposable
{
    protected PulumiTest() => PulumiConfigScope.Reset();

    public void Dispose()
    {
        PulumiConfigScope.Reset();
        GC.SuppressFinalize(this);
    }
}
