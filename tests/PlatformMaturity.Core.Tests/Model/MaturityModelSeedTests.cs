using PlatformMaturity.Model;

namespace PlatformMaturity.Core.Tests.Model;

/// <summary>The embedded model says exactly what the seed says: a typo in a name, a do or a don't fails here.</summary>
public sealed class MaturityModelSeedTests
{
    private static readonly IReadOnlyList<SeedLevel> Seed = SeedLevel.ReadAll();
    private static readonly MaturityModel Model = MaturityModel.Default;

    [Fact]
    public void Has_the_seeds_five_levels_with_their_names_and_goals()
    {
        Assert.Equal(5, Seed.Count);
        Assert.Equal(Seed.Select(l => (l.Number, l.Name, l.Goal)), Model.Levels.Select(l => (l.Number, l.Name, l.Goal)));
        Assert.Equal("The Launchpad", Model.Level(1).Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Level_text_matches_the_seed_word_for_word(int number)
    {
        var seed = Seed[number - 1];
        var level = Model.Level(number);
        Assert.Equal(seed.Description, level.Description);
        Assert.Equal(seed.Requirements, level.Requirements.Select(r => r.Text));
        Assert.Equal(seed.ForWhom, level.ForWhom);
        Assert.Equal(seed.Benefits, level.Benefits);
        Assert.Equal(seed.Do, level.Do);
        Assert.Equal(seed.Dont, level.Dont);
    }

    [Theory]
    [InlineData(1, 9)]
    [InlineData(2, 13)]
    [InlineData(3, 25)]
    [InlineData(4, 38)]
    [InlineData(5, 49)]
    public void Level_lists_the_seeds_practices_by_category_in_order(int number, int listed)
    {
        var seed = Seed[number - 1];
        var level = Model.Level(number);
        Assert.Equal(listed, seed.Practices.Count);
        Assert.Equal(seed.Practices, level.Practices.Select(p => (p.Category.ToString(), p.Name)));
    }

    [Fact]
    public void Has_63_distinct_practices_with_categories_and_listing_levels_from_the_seed()
    {
        var seedPractices = Seed.SelectMany(l => l.Practices.Select(p => (l.Number, p.Category, p.Practice))).ToList();
        Assert.Equal(63, Model.Practices.Length);
        Assert.Equal(seedPractices.Select(p => p.Practice).Distinct().Order(), Model.Practices.Select(p => p.Name).Order());
        foreach (var practice in Model.Practices)
        {
            var mentions = seedPractices.Where(p => p.Practice == practice.Name).ToList();
            Assert.Equal(mentions.Select(m => m.Category).Distinct().Order(), practice.Categories.Select(c => c.ToString()).Order());
            Assert.Equal(mentions.Select(m => m.Number).Distinct().Order(), practice.ListedAt);
        }
        Assert.Equal([PracticeCategory.Security, PracticeCategory.Availability], Model.Practice("GitOps Platform Management").Categories.AsEnumerable());
    }

    [Fact]
    public void Requirement_ids_are_unique_and_name_their_level()
    {
        var ids = Model.Levels.SelectMany(l => l.Requirements.Select(r => (l.Number, r.Id))).ToList();
        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct().Count());
        Assert.All(ids, i => Assert.StartsWith($"l{i.Number}-", i.Id));
    }
}
