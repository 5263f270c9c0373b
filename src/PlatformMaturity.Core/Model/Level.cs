using System.Collections.Immutable;

namespace PlatformMaturity.Model;

/// <summary>One maturity level as the seed describes it.</summary>
public sealed record Level(
    int Number,
    string Name,
    string Goal,
    ImmutableArray<string> Description,
    ImmutableArray<Requirement> Requirements,
    ImmutableArray<string> ForWhom,
    ImmutableArray<string> Benefits,
    ImmutableArray<ListedPractice> Practices,
    ImmutableArray<string> Do,
    ImmutableArray<string> Dont)
{
    /// <summary>"Level 3 - Data-Driven Improvement", as the seed heads it.</summary>
    public string Title => $"Level {Number} - {Name}";

    public IEnumerable<ListedPractice> InCategory(PracticeCategory category) =>
        Practices.Where(p => p.Category == category);
}

/// <summary>An organisational requirement of a level; upgrades ask for it as a recorded attestation.</summary>
public sealed record Requirement(string Id, string Text);

/// <summary>A practice as a level lists it: its name under one category.</summary>
public sealed record ListedPractice(PracticeCategory Category, string Name);
