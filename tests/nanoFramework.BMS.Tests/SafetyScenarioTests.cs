using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Safety;

namespace nanoFramework.BMS.Tests;

/// <summary>Every fault id injected into the simulated pack: the contactor reaches the safe state within the documented worst case.</summary>
public class SafetyScenarioTests
{
    public static IEnumerable<object[]> Cases() =>
        from fault in FaultScenarios.All.Select(s => s.Fault)
        from chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp }
        from rate in new[] { 100, 10 }
        select new object[] { fault, chemistry, rate };

    [Fact]
    public void EveryFaultIdHasAScenario()
    {
        var missing = Enum.GetValues<FaultId>().Where(f => f != FaultId.None).Except(FaultScenarios.All.Select(s => s.Fault));
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFaultReachesTheSafeStateWithinItsWorstCase(FaultId fault, Chemistry chemistry, int rateHz)
    {
        var scenario = FaultScenarios.For(fault);
        var result = ScenarioRunner.Run(scenario, chemistry, rateHz);

        Assert.True(result.Latched, $"{fault} did not latch; latched instead: {string.Join(", ", result.LatchedFaults)}");
        Assert.True(result.FirstFaultIsExpected, $"{fault}: the first fault was {string.Join(", ", result.LatchedFaults)}");
        var profile = FaultScenarios.BaseConfig(chemistry, rateHz).Profile();
        if (scenario.Start == ScenarioStart.AtBoot)
        {
            Assert.Equal(0, result.LatchedAfterMs);
            Assert.NotNull(result.CloseRefusal);
            return;
        }

        long worst = ReactionBudget.WorstCaseMs(profile, fault)!.Value;
        Assert.InRange(result.SafeAfterMs, 1, worst);
    }

    /// <summary>
    /// The largest pack, where a temperature sensor waits longest for its turn in the scan (one
    /// sensor a cycle, 70 ms at 100 Hz): every temperature fault still within its worst case.
    /// </summary>
    [Theory]
    [InlineData(FaultId.OverTemperature)]
    [InlineData(FaultId.UnderTemperature)]
    [InlineData(FaultId.ChargeOverTemperature)]
    [InlineData(FaultId.ChargeUnderTemperature)]
    [InlineData(FaultId.ThermalRunaway)]
    [InlineData(FaultId.ThermistorAdcLost)]
    [InlineData(FaultId.ThermistorImplausible)]
    public void TemperatureFaultsOfA16CellPackWithEightSensorsKeepTheirWorstCase(FaultId fault)
    {
        var scenario = FaultScenarios.For(fault);
        var result = ScenarioRunner.Run(scenario, Chemistry.Nmc, 100, cells: 16, thermistors: 8);
        var profile = FaultScenarios.BaseConfig(Chemistry.Nmc, 100, 16, 8).Profile();
        Assert.Equal(8, PackSampler.TemperatureScanCycles(profile));
        Assert.True(result.Latched, $"{fault} did not latch; latched instead: {string.Join(", ", result.LatchedFaults)}");
        Assert.InRange(result.SafeAfterMs, 1, ReactionBudget.WorstCaseMs(profile, fault)!.Value);
    }

    [Theory]
    [InlineData(FaultId.CellOverVoltage, 100)]
    [InlineData(FaultId.ChargeOverCurrentFast, 100)]
    [InlineData(FaultId.DischargeOverCurrentFast, 100)]
    [InlineData(FaultId.OverTemperature, 1000)]
    [InlineData(FaultId.ChargeOverTemperature, 1000)]
    public void TheIssueTargetsAreMetAt100Hz(FaultId fault, long targetMs)
    {
        foreach (var chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp })
        {
            var result = ScenarioRunner.Run(FaultScenarios.For(fault), chemistry, 100);
            Assert.True(result.Latched);
            Assert.InRange(result.SafeAfterMs, 1, targetMs);
        }
    }

    [Fact]
    public void TheSafetyManualMatchesTheCode()
    {
        string path = Path.Combine(RepoRoot(), "docs", "safety.md");
        string document = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(document == SafetyManual.Apply(document),
            "docs/safety.md is out of date: run `dotnet run --project boards/sim -- safety-manual --write docs/safety.md`");
        Assert.Contains("Short circuits are cleared by the fuse", document);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nanoFramework.BMS.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
