using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Sweeps.Benchmarks -- --filter '*'   (or a class: --filter '*Overhead*')
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
