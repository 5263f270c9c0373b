// The Pulumi program: `pulumi up --stack <name>` (Pulumi.yaml main) provisions the stack's maturity level.
return await global::Pulumi.Deployment.RunAsync(() => PlatformMaturity.PulumiHost.PlatformProgram.Run());
