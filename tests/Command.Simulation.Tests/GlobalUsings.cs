global using Command.Simulation.Tests.Support;
