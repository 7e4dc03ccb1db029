using System.Xml.Linq;

namespace Command.Architecture.Tests.Layers;

/// <summary>The projects of the repository, by folder: what src/, tools/ and tests/ hold.</summary>
internal sealed record Codebase(IReadOnlySet<string> Src, IReadOnlySet<string> Tools, IReadOnlySet<string> Tests)
{
    /// <summary>The repository this test was built from: the first folder above its binaries that holds Command.sln.</summary>
    public static Codebase Here { get; } = Read(Root());

    /// <summary>The projects whose assemblies the table rules: src/ and tools/.</summary>
    public IEnumerable<string> Ruled => Src.Concat(Tools).Order(StringComparer.Ordinal);

    /// <summary>True when a project of src/ or tools/ asks for the ASP.NET Core shared framework (or is a web project).</summary>
    public static bool UsesAspNetCore(string project)
    {
        var file = ProjectFile(project);
        var root = XDocument.Load(file).Root!;
        return root.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web"
            || root.Descendants("FrameworkReference").Any(f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
    }

    private static string ProjectFile(string project) =>
        new[] { "src", "tools" }.Select(folder => Path.Combine(Root(), folder, project, project + ".csproj")).Single(File.Exists);

    private static Codebase Read(string root) => new(Projects(root, "src"), Projects(root, "tools"), Projects(root, "tests"));

    // What a build writes (bin, obj) is no project of the codebase: a benchmark run leaves one it generated there.
    private static HashSet<string> Projects(string root, string folder) =>
        Directory.GetFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Command.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Command.sln above {AppContext.BaseDirectory}.");
    }
}
