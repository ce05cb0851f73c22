using nanoFramework.BMS.IlCounter;

namespace nanoFramework.BMS.PerformanceTests;

/// <summary>One measurement of every standard profile, shared by the tests of a class (it takes about a second).</summary>
public sealed class MeasuredCosts
{
    public readonly List<CycleCost> Costs = CycleCostTool.MeasureStandardProfiles();

    public CycleCost Of(int cells, int thermistors, int rateHz, MqttTelemetry? mqtt = null) =>
        Costs.Single(c => c.Profile == new MeasuredProfile(cells, thermistors, rateHz, mqtt));
}
