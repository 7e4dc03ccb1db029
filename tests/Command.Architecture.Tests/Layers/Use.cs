using System.Runtime.InteropServices;

namespace Command.Architecture.Tests.Layers;

/// <summary>
/// Something a layer may reference, named as a person reads it, with the assembly names it admits. A name ending
/// in '*' admits every assembly it begins.
/// </summary>
internal sealed record Use(string Name, Func<string, bool> Admits)
{
    /// <summary>The .NET base library: every assembly of the Microsoft.NETCore.App shared framework this runs on.</summary>
    public static Use BaseLibrary { get; } = Framework("the base library", RuntimeEnvironment.GetRuntimeDirectory());

    /// <summary>ASP.NET Core: every assembly of the Microsoft.AspNetCore.App shared framework (Microsoft.Extensions.* included).</summary>
    public static Use AspNetCore { get; } = Framework("ASP.NET Core", Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!);

    /// <summary>The attributes the domain's values carry, and the serializers generated for them.</summary>
    public static Use OrleansSerialization { get; } = Named("Orleans serialization", "Orleans.Serialization", "Orleans.Serialization.Abstractions");

    /// <summary>Orleans, but not the storage and clustering providers the host chooses.</summary>
    public static Use OrleansRuntime { get; } = new("Orleans (not its storage or clustering providers)", name =>
        name.StartsWith("Orleans.", StringComparison.Ordinal)
        && !name.StartsWith("Orleans.Persistence.", StringComparison.Ordinal)
        && !name.StartsWith("Orleans.Clustering.", StringComparison.Ordinal)
        && !name.Contains("AzureStorage", StringComparison.Ordinal));

    /// <summary>The Microsoft.Extensions packages: hosting, options, logging, DI and configuration abstractions.</summary>
    public static Use MicrosoftExtensions { get; } = Named("Microsoft.Extensions.*", "Microsoft.Extensions.*");

    /// <summary>The Azure Blob Storage client and what its API is made of.</summary>
    public static Use AzureBlobs { get; } = Named("Azure.Storage.Blobs", "Azure.Storage.Blobs", "Azure.Storage.Common", "Azure.Core", "System.Memory.Data");

    public static Use PollyCore { get; } = Named("Polly", "Polly", "Polly.*");

    public static Use OpenXml { get; } = Named("DocumentFormat.OpenXml", "DocumentFormat.OpenXml*");

    /// <summary>Any library that is not ours.</summary>
    public static Use Libraries { get; } = new("any library", name => !IsOurs(name));

    /// <summary>Any library that is not ours and not Orleans: a client of the host goes through its HTTP API.</summary>
    public static Use ClientLibraries { get; } = new("any library but Orleans", name => !IsOurs(name) && !name.StartsWith("Orleans", StringComparison.Ordinal));

    /// <summary>One of our own assemblies, by name.</summary>
    public static Use Layer(string assembly) => Named(assembly, assembly);

    /// <summary>True for the name of one of our assemblies (Command, Command.*).</summary>
    public static bool IsOurs(string name) => name == "Command" || name.StartsWith("Command.", StringComparison.Ordinal);

    private static Use Named(string name, params string[] patterns) => new(name, assembly => patterns.Any(p =>
        p.EndsWith('*') ? assembly.StartsWith(p[..^1], StringComparison.Ordinal) : assembly == p));

    private static Use Framework(string name, string folder)
    {
        var assemblies = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        return new Use(name, assemblies.Contains);
    }
}
