namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>A scenario file that cannot be run: which file, where inside it (a JSON path) and what was expected there.</summary>
public sealed class ScenarioFormatException(string file, string jsonPath, string problem)
    : Exception($"{file}: {jsonPath}: {problem}")
{
    public string File { get; } = file;
    public string JsonPath { get; } = jsonPath;
    public string Problem { get; } = problem;
}
