using System.CommandLine;
using PlatformMaturity.Assess.Live;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// Where a command reads a cluster from — a snapshot (offline) or a kubeconfig (live, get/list only) — one set of
/// options and one reader for every command that reads a cluster (assess, rightsize).
/// </summary>
internal sealed class ClusterSource
{
    public Option<string> Snapshot { get; } = new("--snapshot") { Description = "A `kubectl get … -o yaml|json` file or a folder of them (README: making a snapshot); read offline", HelpName = "path" };

    public Option<string> Kubeconfig { get; } = new("--kubeconfig") { Description = "Read the cluster live with this kubeconfig (get/list only; exec plugins such as kubelogin work)", HelpName = "path" };

    public Option<string> Context { get; } = new("--context") { Description = "The kubeconfig context (default: its current context)", HelpName = "name" };

    /// <summary>Adds the options and the rule that exactly one source is given.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Snapshot);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Validators.Add(result =>
        {
            var hasSnapshot = result.GetResult(Snapshot) is not null;
            var hasKubeconfig = result.GetResult(Kubeconfig) is not null;
            if (hasSnapshot == hasKubeconfig)
                result.AddError("give exactly one of --snapshot PATH or --kubeconfig PATH");
            if (hasSnapshot && result.GetResult(Context) is not null)
                result.AddError("--context goes with --kubeconfig, not --snapshot");
        });
    }

    public ClusterSnapshot Read(ParseResult parse, CliIO io)
    {
        if (parse.GetValue(Snapshot) is { } path)
        {
            var full = Path.GetFullPath(path, io.WorkingDirectory);
            if (!File.Exists(full) && !Directory.Exists(full))
                throw new UserError($"{path}: does not exist");
            var cluster = SnapshotReader.Read(full, path);
            // Partly readable input is read with warnings; input with no object at all would read as a bare
            // cluster, a verdict on nothing.
            if (cluster.ObjectsRead == 0)
            {
                var why = cluster.Problems.Count == 0 ? "it holds no object" : $"{cluster.Problems[0].Where}: {cluster.Problems[0].Message}";
                throw new UserError($"{path}: no Kubernetes object could be read ({why}); give the output of kubectl get … -o yaml (README: making a snapshot)");
            }
            return cluster;
        }
        return LiveReader.ReadAsync(Path.GetFullPath(parse.GetValue(Kubeconfig)!, io.WorkingDirectory), parse.GetValue(Context)).GetAwaiter().GetResult();
    }
}
