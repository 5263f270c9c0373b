using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PlatformMaturity.GoldenPaths.Rendering;

namespace PlatformMaturity.GoldenPaths.Output;

/// <summary>
/// The record <c>pmctl app new</c> keeps in the output folder of the files it wrote there (SHA-256 and path per line,
/// as sha256sum prints them), so a later render with --force can remove the files it wrote before and no longer
/// produces, and never a file it did not write. The name has no .yaml or .json extension, so kubectl apply -f skips it.
/// </summary>
public static class AppRecord
{
    public const string FileName = ".pmctl-app";

    /// <summary>Path → SHA-256 (lowercase hex) of the content pmctl wrote, in path order.</summary>
    public static ImmutableSortedDictionary<string, string> Read(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (new FileInfo(path).LinkTarget is not null)
            throw Invalid($"{FileName} is a symbolic link");

        var entries = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            // "<64 hex>  <path>": the path is checked like a template's output name, so a tampered record cannot
            // point outside the folder.
            var hash = line.Length > 66 && line[64] == ' ' && line[65] == ' ' ? line[..64] : null;
            var file = hash is null ? null : line[66..];
            if (hash is null || !hash.All(Uri.IsHexDigit) || hash.Any(char.IsUpper))
                throw Invalid($"{FileName} line {number} is not '<sha256>  <path>'");
            var problem = file == FileName ? "is the record itself" : OutputPaths.Problem(file!);
            if (problem is not null)
                throw Invalid($"{FileName} line {number}: '{file}' {problem}");
            entries[file!] = hash;
        }
        return entries.ToImmutable();
    }

    /// <summary>The record's text: a header saying what it is and for which app, then one line per file.</summary>
    public static string Format(RenderedApp app, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder()
            .Append("# pmctl app new: the files it wrote in this folder (sha256sum format). Keep this file: pmctl app new --force\n")
            .Append("# removes the files listed here that it no longer produces, and never touches files that are not listed.\n")
            .Append($"# Last render: app {app.Name}, golden path {app.GoldenPath}, Level {app.Level}.\n");
        foreach (var (path, hash) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(hash).Append("  ").Append(path).Append('\n');
        return text.ToString();
    }

    public static string Hash(string content) => Hash(Encoding.UTF8.GetBytes(content));

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static GoldenPathInputException Invalid(string problem) =>
        new([new InputProblem("--out", $"{problem}; it is not a record pmctl app new wrote. Remove it (pmctl then removes no old files), or choose another --out folder")]);
}
