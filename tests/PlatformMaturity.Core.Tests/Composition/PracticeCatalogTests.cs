using PlatformMaturity.Composition;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>The catalog is a list (no reflection at start): a practice component left out of it would silently not be built.</summary>
public sealed class PracticeCatalogTests
{
    [Fact]
    public void Every_practice_component_of_the_assembly_is_in_the_catalog()
    {
        var written = typeof(PracticeComponent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PracticeComponent)) && !t.IsAbstract)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal);
        var listed = PracticeCatalog.BuiltIn().Select(c => c.GetType().FullName!).Order(StringComparer.Ordinal);
        Assert.Equal(written, listed);
    }
}
