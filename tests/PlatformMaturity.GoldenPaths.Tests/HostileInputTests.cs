using PlatformMaturity.GoldenPaths.Rendering;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Input meant to break out of a name, a path, YAML or a template is refused before anything renders, naming the input.</summary>
public sealed class HostileInputTests
{
    private static InputProblem Refused(AppRequest request, int level = 3)
    {
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(request, Catalog, Platform(level)));
        return Assert.Single(e.Problems);
    }

    private static AppRequest WebService(string name = "shop", string? team = "team-a", params string[] sets) =>
        new(name, "web-service", team, sets);

    [Theory]
    [InlineData("../evil")]
    [InlineData("../../etc/cron.d/x")]
    [InlineData("/tmp/shop")]
    [InlineData("shop/..")]
    [InlineData("..")]
    [InlineData("Shop")]
    [InlineData("shop.example")]
    [InlineData("1shop")]
    [InlineData("shop-")]
    [InlineData("sh op")]
    [InlineData("shop\nkind: Secret")]
    [InlineData("{{ app.name }}")]
    public void Names_that_are_not_DNS_1035_labels_are_refused(string name)
    {
        var problem = Refused(WebService(name));
        Assert.Equal("name", problem.Subject);
        Assert.Contains("expected lowercase letters, digits and '-'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_300_character_name_is_refused_as_too_long()
    {
        var problem = Refused(WebService(new string('a', 300)));
        Assert.Equal("name", problem.Subject);
        Assert.Contains("too long; at most 40 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(300 characters)", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 400, "the message cuts the value instead of echoing all of it");
    }

    [Theory]
    [InlineData("description={{ app.name }}", "template syntax")]
    [InlineData("description=}} evil {{", "template syntax")]
    [InlineData("description=${{ secrets.REGISTRY_PASSWORD }}", "template syntax")]
    [InlineData("description={% raw %}", "template syntax")]
    [InlineData("tag={{7*7}}", "template syntax")]
    public void Template_syntax_in_values_is_refused(string set, string expected)
    {
        var problem = Refused(WebService(sets: set));
        Assert.Equal($"--set {set[..set.IndexOf('=', StringComparison.Ordinal)]}", problem.Subject);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule=0 0 3 * * *", "6 fields given: the first, '0' at position 1, is a seconds field")]
    [InlineData("schedule=0 3 L * *", "field 3 (day-of-month) 'L' at position 5")]
    [InlineData("schedule=0 3 * * 1#2", "'#' (nth weekday of the month)")]
    [InlineData("schedule=@every_minute", "not one Kubernetes and Velero know")]
    public void Cron_schedules_a_CronJob_cannot_run_are_refused_by_the_validator_stack_config_uses(string set, string expected)
    {
        var problem = Refused(new AppRequest("nightly", "cron-job", "team-a", [set]));
        Assert.Equal("--set schedule", problem.Subject);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(Schedules.KubernetesCron.Problem(set["schedule=".Length..]), problem.Message[(problem.Message.IndexOf("not allowed: ", StringComparison.Ordinal) + "not allowed: ".Length)..]);
    }

    [Theory]
    [InlineData("tag=1.0\nkind: Secret", "line break")]
    [InlineData("description=ok\r\nkind: Secret", "line break")]
    [InlineData("image=registry.example.com/apps/x: y", "not an image repository")]
    [InlineData("image=registry.example.com/apps/shop:1.0", "has a tag")]
    [InlineData("image=registry.example.com/apps/shop@sha256:abc", "has a digest")]
    [InlineData("port=80: x", "expected a port")]
    [InlineData("port=0", "expected a port")]
    [InlineData("port=65536", "expected a port")]
    [InlineData("description=say \"hi\"", "may not contain quotes")]
    [InlineData("description=a\\b", "may not contain quotes")]
    [InlineData("description=`id`", "may not contain quotes")]
    [InlineData("allow-from=orders,payments: x", "not a DNS-1123 label")]
    [InlineData("allow-from=orders,orders", "more than once")]
    [InlineData("health-path=/x # y", "an absolute path")]
    [InlineData("health-path=/../etc", "an absolute path")]
    [InlineData("cpu-request=100m\"", "a CPU quantity")]
    [InlineData("cpu-request=-1", "a CPU quantity")]
    [InlineData("memory-limit=1Gi; rm -rf /", "a byte quantity")]
    [InlineData("memory-request=0", "above zero")]
    [InlineData("replicas=2.5", "a whole number from 1 to 50")]
    [InlineData("replicas=[1]", "a whole number from 1 to 50")]
    [InlineData("expose=yes", "expected true or false")]
    [InlineData("language=cobol", "one of: none, java, nodejs, python, dotnet")]
    [InlineData("tag=latest", "refuses the latest tag")]
    [InlineData("tag=LATEST", "refuses the latest tag")]
    [InlineData("tag=-1", "an image tag")]
    [InlineData("cost-center=cc 42", "a Kubernetes label value")]
    [InlineData("repository=acme/shop/../x", "owner/name")]
    [InlineData("slo=100", "below 100")]
    [InlineData("branch=main; curl evil", "DNS-1123 label")]
    public void Values_that_would_break_YAML_or_their_type_are_refused_naming_the_parameter(string set, string expected)
    {
        var key = set[..set.IndexOf('=', StringComparison.Ordinal)];
        var problem = Refused(WebService(sets: set));
        Assert.Equal($"--set {key}", problem.Subject);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void Unknown_set_keys_are_refused_with_the_closest_parameter_and_the_list()
    {
        var problem = Refused(WebService(sets: "prot=8080"));
        Assert.Equal("--set prot", problem.Subject);
        Assert.Contains("is not a parameter of golden path 'web-service'; did you mean port?", problem.Message, StringComparison.Ordinal);
        Assert.Contains("parameters: image, tag, port,", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../port=1")]
    [InlineData("{{ x }}=1")]
    public void Hostile_set_keys_are_refused(string set)
    {
        var problem = Refused(WebService(sets: set));
        Assert.StartsWith("--set ", problem.Subject, StringComparison.Ordinal);
        Assert.Contains("is not a parameter", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sets_without_a_value_and_repeated_keys_are_refused()
    {
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(WebService(sets: ["port", "replicas=2", "replicas=3"]), Catalog, Platform(3)));
        Assert.Contains(e.Problems, p => p.Subject == "--set" && p.Message.Contains("is not key=value", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Subject == "--set replicas" && p.Message.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(
            WebService("../x", "nobody", "port=http", "tag=latest", "colour=blue"), Catalog, Platform(3)));
        Assert.Equal(["--set colour", "--set port", "--set tag", "--team", "name"], e.Problems.Select(p => p.Subject).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../team-a")]
    [InlineData("team-c")]
    public void Teams_must_be_tenants_of_the_stack(string team)
    {
        var problem = Refused(WebService(team: team));
        Assert.Equal("--team", problem.Subject);
        Assert.Contains("tenants: team-a, team-b", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_level_2_the_team_is_required_by_hard_multi_tenancy_and_at_level_1_it_is_optional()
    {
        var problem = Refused(WebService(team: null), level: 2);
        Assert.Equal("--team", problem.Subject);
        Assert.Contains("Hard multi-tenancy", problem.Message, StringComparison.Ordinal);

        var app = GoldenPathRenderer.Render(WebService(team: null), Catalog, Platform(1));
        Assert.All(RenderedObject.Of(app), o => Assert.Null(o.Json["metadata"]!["namespace"]));
    }

    [Theory]
    [InlineData("../web-service")]
    [InlineData("_shared")]
    [InlineData("web-service/../../etc")]
    public void Unknown_golden_paths_are_refused_with_the_list(string template)
    {
        var problem = Refused(new AppRequest("shop", template, "team-a", []));
        Assert.Equal("--template", problem.Subject);
        Assert.Contains("is not a golden path; available: cron-job, web-service, worker, postgres, stateful-service", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_above_their_limits_are_refused()
    {
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(
            WebService(sets: ["cpu-request=2", "cpu-limit=500m", "memory-request=1Gi", "memory-limit=512Mi", "replicas=6", "max-replicas=5"]), Catalog, Platform(3)));
        Assert.Contains(e.Problems, p => p.Subject == "--set cpu-request" && p.Message == "'2' is more than cpu-limit '500m'; it must be at most cpu-limit");
        Assert.Contains(e.Problems, p => p.Subject == "--set memory-request" && p.Message.Contains("more than memory-limit '512Mi'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Subject == "--set replicas" && p.Message.Contains("more than max-replicas", StringComparison.Ordinal));
    }

    [Fact]
    public void From_level_3_images_must_come_from_the_platform_registry()
    {
        var problem = Refused(WebService(sets: "image=docker.io/library/nginx"), level: 3);
        Assert.Equal("--set image", problem.Subject);
        Assert.Contains($"not in the platform's registry {Registry}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Advanced Vulnerabilities Management", problem.Message, StringComparison.Ordinal);

        GoldenPathRenderer.Render(WebService(sets: "image=docker.io/library/nginx"), Catalog, Platform(2));
    }

    [Fact]
    public void On_azure_the_image_has_no_default_and_the_message_says_where_to_find_the_registry()
    {
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(
            new AppRequest("shop", "web-service", "team-a", []), Catalog, Platform(3, Config.DeploymentTarget.Azure)));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("--set image", problem.Subject);
        Assert.StartsWith("has no default here (its default is in the platform's registry", problem.Message, StringComparison.Ordinal);
        Assert.Contains("az acr list", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_required_by_a_practice_say_which_and_from_which_level()
    {
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(WebService(), Catalog, Platform(4)));
        Assert.Contains(e.Problems, p => p.Subject == "--set cost-center" && p.Message.StartsWith("is required at Level 4 (Costs Center Management, from Level 4)", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Subject == "--set repository" && p.Message.Contains("GitOps Application Management", StringComparison.Ordinal));
    }

    [Fact]
    public void Setting_a_parameter_of_a_practice_not_yet_in_effect_draws_a_note()
    {
        var app = GoldenPathRenderer.Render(WebService(sets: "cost-center=cc-1"), Catalog, Platform(3));
        Assert.Contains(app.Notes, n => n.StartsWith("--set cost-center has no effect at Level 3: it serves Costs Center Management, in effect from Level 4", StringComparison.Ordinal));
    }
}
