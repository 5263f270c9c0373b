using Cel;

namespace PlatformMaturity.GoldenPaths.Tests.Admission;

/// <summary>
/// A CEL environment for the platform's admission policies. The Cel package implements the CEL standard definitions
/// (has, all, exists, map, filter, size, startsWith, endsWith, contains, matches, …); the Kubernetes extension
/// libraries (https://kubernetes.io/docs/reference/using-api/cel/) are added here function by function as policies
/// start calling them, so that an expression using one that is missing fails the tests as an evaluation error instead
/// of passing unnoticed.
/// </summary>
public static class KubernetesCel
{
    /// <summary>
    /// Today's policies call only standard definitions, so no Kubernetes library function is registered yet; register
    /// one with <c>RegisterFunction(name, [receiver type, argument types…], implementation)</c> (receiver-style calls
    /// such as <c>s.lowerAscii()</c> pass the receiver first).
    /// </summary>
    public static ICelEnvironment Environment() => new CelEnvironment(null, null);
}
