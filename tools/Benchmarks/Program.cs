using BenchmarkDotNet.Running;

namespace nanoFramework.BMS.Benchmarks;

/// <summary>dotnet run -c Release --project tools/Benchmarks -- --filter '*'</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
