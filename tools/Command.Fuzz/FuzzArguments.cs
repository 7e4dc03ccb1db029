namespace Command.Fuzz;

/// <summary>What to fuzz: which parser, how many mutated messages, from which seed.</summary>
/// <param name="Parser">A <see cref="FuzzTarget"/>'s name, or "all". Default "all".</param>
/// <param name="Count">Messages fed to each parser, at least 1. Default 100,000.</param>
/// <param name="Seed">Seed of the mutations; the same seed gives the same messages. Default 1.</param>
internal sealed record FuzzArguments(string Parser, int Count, int Seed);
