using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Live;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>
/// The live reader against a stub API server on loopback: exec-plugin credentials, paging, metadata-only Secrets,
/// get/list only, and a forbidden kind reported as unseen with its practices unknown (never taken as absent).
/// </summary>
public sealed class LiveReaderTests : IDisposable
{
    private const string Token = "token-from-exec-plugin";
    private readonly HttpListener _listener = new();
    private readonly ConcurrentBag<string> _requests = [];
    private readonly TempDirectory _dir = new();
    private readonly Task _serving;

    public LiveReaderTests()
    {
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(Serve);
        // A stand-in for kubelogin: an exec plugin that prints an ExecCredential with a bearer token.
        File.WriteAllText(_dir.Combine("kubelogin"), $$$"""
            #!/bin/sh
            cat <<'JSON'
            {"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"{{{Token}}}"}}
            JSON
            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_dir.Combine("kubelogin"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(_dir.Combine("kubeconfig"), $$$"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: prod
              cluster: {server: "http://127.0.0.1:{{{port}}}"}
            - name: dr
              cluster: {server: "http://127.0.0.1:1"}
            contexts:
            - name: prod
              context: {cluster: prod, user: aad}
            - name: dr-westus
              context: {cluster: dr, user: aad}
            users:
            - name: aad
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {{{_dir.Combine("kubelogin")}}}
                  args: ["get-token", "--login", "azurecli"]
                  interactiveMode: Never
            """);
    }

    [Fact]
    public async Task Reads_with_the_exec_plugins_token_in_pages_and_reports_the_forbidden_kind()
    {
        var snapshot = await LiveReader.ReadAsync(_dir.Combine("kubeconfig"), null);

        Assert.All(_requests, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
        Assert.DoesNotContain(_requests, r => r.EndsWith(" unauthorized", StringComparison.Ordinal));
        Assert.Equal(3, snapshot.Of(Kinds.Secret).Count);
        Assert.Contains(_requests, r => r.Contains("/api/v1/secrets?limit=500&continue=page-2", StringComparison.Ordinal));
        Assert.All(snapshot.Of(Kinds.Secret), s => Assert.Null(s.Body));
        var forbidden = snapshot.Coverage(Kinds.NetworkPolicy);
        Assert.Equal(CoverageState.Unknown, forbidden.State);
        Assert.Contains("forbidden", forbidden.Reason, StringComparison.Ordinal);
        Assert.Equal(CoverageState.Listed, snapshot.Coverage(Kinds.VeleroSchedule).State);
        Assert.Equal(CoverageState.NotServed, snapshot.Coverage(Kinds.ArgoApplication).State);
        Assert.DoesNotContain(_requests, r => r.Contains("argoproj.io", StringComparison.Ordinal));
        Assert.Equal(["dr-westus"], snapshot.OtherContexts);

        var a = Assessor.Default.Assess(snapshot);
        var verdicts = a.Practices.ToDictionary(p => p.Practice, p => p.Verdict);
        Assert.Equal(Verdict.Unknown, verdicts["Basic Traffic Filtering"]);
        Assert.Equal(Verdict.Met, verdicts["Basic Vulnerabilities Management"]);
        Assert.Equal(Verdict.Met, verdicts["Multi-cluster Platform"]);
        Assert.Contains(a.Unseen, u => u.Kind == Kinds.NetworkPolicy.Display && u.Practices.Contains("Basic Traffic Filtering"));
    }

    [Fact]
    public async Task A_context_the_kubeconfig_does_not_name_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<PlatformMaturity.Files.InputException>(() => LiveReader.ReadAsync(_dir.Combine("kubeconfig"), "nope"));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var request = context.Request;
            var path = request.Url!.PathAndQuery;
            var authorized = request.Headers["Authorization"] == $"Bearer {Token}";
            _requests.Add($"{request.HttpMethod} {path}{(authorized ? "" : " unauthorized")}");
            var (status, body) = !authorized ? (401, Status(401, "Unauthorized")) : Answer(path, request.Headers["Accept"] ?? "");
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static (int, string) Answer(string path, string accept)
    {
        var resource = path.Split('?')[0];
        return resource switch
        {
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions" => (200, List("""
                {"metadata":{"name":"schedules.velero.io"},"spec":{"group":"velero.io","names":{"kind":"Schedule","plural":"schedules"},"versions":[{"name":"v1","served":true,"storage":true}]}}
                """)),
            "/api/v1/nodes" => (200, List("""{"metadata":{"name":"aks-system-1"}},{"metadata":{"name":"aks-system-2"}}""")),
            "/api/v1/secrets" when !accept.Contains("as=PartialObjectMetadataList", StringComparison.Ordinal) => (400, Status(400, "Secrets must be asked for as metadata")),
            "/api/v1/secrets" when !path.Contains("continue=", StringComparison.Ordinal) => (200, List(
                """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"sh.helm.release.v1.trivy-operator.v1","namespace":"trivy-system","labels":{"owner":"helm","name":"trivy-operator","status":"deployed","version":"1"}}}""", next: "page-2")),
            "/api/v1/secrets" => (200, List("""
                {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"a","namespace":"shop"}},{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"b","namespace":"shop"}}
                """)),
            "/apis/networking.k8s.io/v1/networkpolicies" => (403, Status(403, "networkpolicies.networking.k8s.io is forbidden: User \"assessor\" cannot list resource")),
            "/apis/velero.io/v1/schedules" => (200, List("""{"metadata":{"name":"daily","namespace":"velero"},"spec":{"schedule":"0 2 * * *","template":{"includedNamespaces":["*"]}}}""")),
            _ when resource.Contains("velero.io", StringComparison.Ordinal) || resource.StartsWith("/api/v1/", StringComparison.Ordinal) || resource.StartsWith("/apis/", StringComparison.Ordinal) => (200, List("")),
            _ => (404, Status(404, "not found")),
        };
    }

    private static string List(string items, string? next = null) =>
        $$"""{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"{{(next is null ? "" : $",\"continue\":\"{next}\"")}}},"items":[{{items}}]}""";

    private static string Status(int code, string message) =>
        $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}","code":{{code}}}""";

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _dir.Dispose();
    }
}
