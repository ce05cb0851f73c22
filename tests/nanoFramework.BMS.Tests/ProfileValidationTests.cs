using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class ProfileValidationTests
{
    [Fact]
    public void PresetsAreValid()
    {
        foreach (var chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp })
        {
            Assert.Null(ProfilePresets.For(chemistry, 1, 1, 3f, 10).Validate());
            Assert.Null(ProfilePresets.For(chemistry, 16, 8, 100f, 100).Validate());
        }
    }

    [Fact]
    public void AnInvalidProfileListsEveryViolationInOneMessage()
    {
        var profile = ProfilePresets.Nmc(17, 0, 0f, 200);

        // Rows 0-2 are cell over-voltage (operating, recommended, maximum), row 3 is the
        // operating tier of cell under-voltage.
        profile.Limits[0] = new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Operating, 4230f, 0f, 50);
        profile.Limits[2] = new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Maximum, 4200f, 50f, 20000);
        profile.Limits[3] = new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Maximum, 4900f, 50f, 50);
        profile.Safety.PrechargeTargetRatio = 1.5f;

        string message = profile.Validate()!;

        Assert.StartsWith("invalid pack profile: ", message);
        Assert.Contains("cells in series must be 1 to 16, got 17", message);
        Assert.Contains("thermistors must be 1 to 8, got 0", message);
        Assert.Contains("sample rate must be 10 to 100 Hz, got 200", message);
        Assert.Contains("capacity must be above 0 Ah", message);
        Assert.Contains("cell_over_voltage operating: hysteresis must be above 0", message);
        Assert.Contains("cell_over_voltage maximum: debounce must be 0 to 10000 ms, got 20000", message);
        Assert.Contains("cell_over_voltage maximum limit 4200 must be beyond cell_over_voltage recommended limit 4220", message);
        Assert.Contains("cell_over_voltage recommended limit 4220 must be beyond cell_over_voltage operating limit 4230", message);
        Assert.Contains("cell_over_voltage maximum appears twice", message);
        Assert.Contains("cell_over_voltage maximum limit 4900 mV lies outside the plausible cell range", message);
        Assert.Contains("cell_under_voltage maximum: its quantity needs operating and recommended tiers too", message);
        Assert.Contains("precharge target must be between 0.5 and 1 of the pack voltage", message);
        Assert.Contains("rated charge and discharge currents must be above 0 A", message);
        Assert.DoesNotContain("; ;", message);
    }

    [Fact]
    public void ASensorCheckCannotHaveWarningTiers()
    {
        var profile = ProfilePresets.Lfp(4, 2, 100f, 50);
        profile.Limits[^1] = new LimitRule(FaultId.ThermistorAdcLost, Quantity.ThermistorAdcFailed, Tier.Operating, 1f, 1f, 30);
        Assert.Contains("thermistor_adc_lost operating: a sensor check has only the maximum tier", profile.Validate());
    }

    [Fact]
    public void TheFirmwareRefusesToStartOnAnInvalidProfile()
    {
        var profile = ProfilePresets.Nmc(4, 2, 3f, 5);
        var e = Assert.Throws<ArgumentException>(() => new FakeBoard(profile));
        Assert.Contains("sample rate must be 10 to 100 Hz, got 5", e.Message);
    }
}
