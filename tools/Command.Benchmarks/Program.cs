using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project tools/Command.Benchmarks -- --filter '*Assessment*'
BenchmarkSwitcher.FromAssembly(typeof(Command.Benchmarks.Ingest.ParseBenchmarks).Assembly).Run(args);
