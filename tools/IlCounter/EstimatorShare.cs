using System.Globalization;
using System.Reflection;
using System.Text;
using nanoFramework.BMS.Benchmark;

namespace nanoFramework.BMS.IlCounter;

/// <summary>One estimator method: how often it ran and what one call cost, callees included.</summary>
public sealed record EstimatorStep(string Method, long Calls, double MeanPerCall, long MaxPerCall);

/// <summary>The state estimators' share of the control cycle (docs/estimation.md): over the whole run, and over its rest phase.</summary>
public sealed record EstimatorCost(MeasuredProfile Profile, int Cycles, Stat PerCycle, Stat AtRest, long CyclesWithAStep, IReadOnlyList<EstimatorStep> Steps);

/// <summary>
/// Measures `StateEstimator.OnCycle`, inclusive, in every cycle of a run long enough to hold a
/// periodic save of the estimates (the save period is 600 s by default): the per-cycle coulomb
/// count, the once-a-second steps spread over cycles, and the save's steps. Same instrumented
/// firmware and synthetic pack as the cycle cost. Then the current stops for the chemistry's
/// relaxation time and a minute more, so the rest reading's job runs too (the rest, the
/// resistance and slow-branch measurements of docs/estimation.md).
/// </summary>
public static class EstimatorShare
{
    public const string EntryMethod = "StateEstimator.OnCycle";
    public const int Seconds = 660;

    /// <summary>Longer than the NMC preset's relaxation time (900 s), so the rest job runs.</summary>
    public const int RestSeconds = 960;

    public static EstimatorCost Measure(InstrumentedFirmware firmware, MeasuredProfile profile)
    {
        int entry = Array.IndexOf(firmware.Methods, EntryMethod);
        if (entry < 0)
            throw new InvalidOperationException($"{EntryMethod} not found in the firmware");
        int[] methods = Enumerable.Range(0, firmware.Methods.Length)
            .Where(i => i != entry && IsEstimation(firmware.Methods[i]))
            .ToArray();

        var context = new CountingLoadContext(firmware);
        try
        {
            var counters = new ProbeCounters(context.Firmware, firmware);
            var driver = context.LoadFromAssemblyPath(typeof(SyntheticPack).Assembly.Location);
            var type = driver.GetType(typeof(SyntheticPack).FullName!, throwOnError: true)!;
            var pack = Activator.CreateInstance(type, profile.Cells, profile.Thermistors, profile.SampleRateHz)!;
            var runCycle = type.GetMethod(nameof(SyntheticPack.RunCycle), Type.EmptyTypes)!.CreateDelegate<Action>(pack);
            var rest = type.GetMethod(nameof(SyntheticPack.Rest), Type.EmptyTypes)!.CreateDelegate<Action>(pack);

            int restFrom = Seconds * profile.SampleRateHz;
            int cycles = (Seconds + RestSeconds) * profile.SampleRateHz;
            var perCycle = new List<long>(cycles);
            long withStep = 0;
            long[] calls = new long[methods.Length];
            long[] inclusive = new long[methods.Length];
            long[] maxPerCall = new long[methods.Length];
            long[] beforeInclusive = new long[methods.Length];
            long[] beforeCalls = new long[methods.Length];
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                long before = counters.Inclusive[entry];
                for (int m = 0; m < methods.Length; m++)
                {
                    beforeInclusive[m] = counters.Inclusive[methods[m]];
                    beforeCalls[m] = counters.Calls[methods[m]];
                }

                if (cycle == restFrom)
                    rest();
                runCycle();
                long cost = counters.Inclusive[entry] - before;
                perCycle.Add(cost);
                bool stepped = false;
                for (int m = 0; m < methods.Length; m++)
                {
                    long n = counters.Calls[methods[m]] - beforeCalls[m];
                    if (n == 0)
                        continue;
                    long il = counters.Inclusive[methods[m]] - beforeInclusive[m];
                    calls[m] += n;
                    inclusive[m] += il;
                    maxPerCall[m] = Math.Max(maxPerCall[m], il / n);
                    stepped |= !firmware.Methods[methods[m]].StartsWith("CoulombCounter.Add", StringComparison.Ordinal);
                }

                if (stepped)
                    withStep++;
            }

            var steps = Enumerable.Range(0, methods.Length)
                .Where(m => calls[m] > 0)
                .Select(m => new EstimatorStep(firmware.Methods[methods[m]], calls[m], (double)inclusive[m] / calls[m], maxPerCall[m]))
                .OrderByDescending(s => s.MaxPerCall)
                .ToList();
            return new EstimatorCost(profile, cycles, Stat.Of(perCycle), Stat.Of(perCycle.Skip(restFrom).ToList()), withStep, steps);
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool IsEstimation(string method)
    {
        string type = method.Split('.')[0];
        return type is "StateEstimator" or "CoulombCounter" or "CellFilter" or "OcvTable" or "RestDetector" or "ResistanceEstimator"
            or "ResistanceTemperature" or "CapacityEstimator" or "RangeEstimate" or "LimitTaper" or "EstimateStore" or "FloatMath";
    }

    public static string Render(EstimatorCost cost)
    {
        var invariant = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine($"State estimators ({EntryMethod}, callees included), {cost.Profile.Title}, {cost.Cycles.ToString("N0", invariant)} cycles ({Seconds} s of pack time, one periodic save included, then {RestSeconds} s at rest, the rest reading's job included):");
        md.AppendLine();
        md.AppendLine("| per cycle | mean | min | max |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine(string.Create(invariant, $"| estimator IL | {cost.PerCycle.Mean:N1} | {cost.PerCycle.Min:N0} | {cost.PerCycle.Max:N0} |"));
        md.AppendLine(string.Create(invariant, $"| estimator IL, at rest | {cost.AtRest.Mean:N1} | {cost.AtRest.Min:N0} | {cost.AtRest.Max:N0} |"));
        md.AppendLine(string.Create(invariant, $"| cycles that ran a step of the once-a-second work or a job | {cost.CyclesWithAStep * 100.0 / cost.Cycles:F1} % | | |"));
        md.AppendLine();
        md.AppendLine("| method | calls | IL per call, mean | IL per call, max |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var step in cost.Steps)
            md.AppendLine(string.Create(invariant, $"| `{step.Method}` | {step.Calls:N0} | {step.MeanPerCall:N1} | {step.MaxPerCall:N0} |"));
        return md.ToString();
    }
}
