using PlatformMaturity.Composition;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 3–5, platform side: the checks the platform repository's CI runs before anything reaches a cluster.
/// The golden paths' application pipelines (image, manifest and secret scans) come with pmctl app new.
/// </summary>
public sealed class ShiftLeftSecurity : PracticeComponent
{
    public override string Practice => "Shift Left Security";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "The platform repository's CI, on every pull request: build and test, render and validate the stack's manifests, scan them and the repository with Trivy (pinned by digest) failing on CRITICAL, pulumi preview; applications get the same gates from their golden-path pipelines");

    public override void Build(ComponentBuilder component)
    {
        var stack = component.Config.Stack;
        component.Note($"Platform CI, step 1: build and test the platform code (dotnet build, dotnet test), then pmctl render {stack} --out out/{stack} && kubectl kustomize out/{stack} > /dev/null.");
        component.Note($"Platform CI, step 2: scan the repository's manifests and files for misconfigurations and secrets: docker run --rm -v \"$PWD:/src\" {Pins.TrivyImage} fs --scanners misconfig,secret --severity CRITICAL --exit-code 1 /src");
        component.Note($"Platform CI, step 3: pulumi preview --stack {stack} --diff on the pull request; pulumi up only after merge.");
        component.Note($"Application images are scanned the same way before they are pushed: docker run --rm -v /var/run/docker.sock:/var/run/docker.sock {Pins.TrivyImage} image --severity CRITICAL --exit-code 1 <image> (the golden paths' pipelines do it).");
        component.Note("Admission checks the cluster enforces (restricted Pod Security, the registry allow-list) can be tried before merging with kubectl apply --dry-run=server -k <app> -n <tenant>.");
    }
}
