using Command.LoadTest;
using Command.Tools.Cli;

return await new LoadTestCommand(LoadRun.RunAsync).Parse(args).InvokeToolAsync();
