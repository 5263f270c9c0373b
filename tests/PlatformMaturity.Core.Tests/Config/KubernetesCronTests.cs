using PlatformMaturity.Schedules;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>The schedules Kubernetes CronJobs and Velero take: five fields or a macro; Quartz extensions and seconds refused with their position.</summary>
public sealed class KubernetesCronTests
{
    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 9-17/2 * JAN-MAR MON-FRI")]
    [InlineData("0 0 1,15 * ?")]
    [InlineData("0 0 * * 7")]
    [InlineData("@daily")]
    [InlineData("@annually")]
    public void Accepts_what_kubernetes_and_velero_accept(string schedule) => Assert.Null(KubernetesCron.Problem(schedule));

    [Theory]
    [InlineData("0 0 2 * * *", "seconds field", "position 1")]
    [InlineData("0 0 L * *", "'L' (last)", "field 3 (day-of-month) 'L' at position 5")]
    [InlineData("0 0 15W * *", "'W' (nearest weekday)", "field 3 (day-of-month) '15W' at position 7")]
    [InlineData("0 0 * * 5#3", "'#' (nth weekday", "field 5 (day-of-week) '5#3' at position 10")]
    [InlineData("0 0 * * 5L", "'L' (last)", "position 10")]
    [InlineData("61 2 * * *", "field 1 (minute) '61' at position 1", "")]
    [InlineData("0 24 * * *", "field 2 (hour) '24' at position 3", "")]
    [InlineData("0 2 32 * *", "field 3 (day-of-month) '32' at position 5", "")]
    [InlineData("0 2 * 13 *", "field 4 (month) '13' at position 7", "")]
    [InlineData("0 2 * *", "4 fields given", "")]
    [InlineData("@every_minute", "not one Kubernetes and Velero know", "")]
    [InlineData("@dialy", "did you mean @daily?", "")]
    public void Refuses_with_what_is_wrong_and_where(string schedule, string what, string where)
    {
        var problem = KubernetesCron.Problem(schedule);
        Assert.NotNull(problem);
        Assert.Contains(what, problem);
        Assert.Contains(where, problem);
        Assert.Contains("expected five fields", problem);
    }

    [Fact]
    public void Names_with_quartz_letters_are_not_taken_for_quartz_syntax() =>
        Assert.Null(KubernetesCron.Problem("0 0 * JUL WED"));
}
